import { describe, expect, test } from 'vitest';
import { earthDiameterKm, haversineKm } from '#app/domain/geo';

const paris = { latitude: 48.8566, longitude: 2.3522 };
const lyon = { latitude: 45.764, longitude: 4.8357 };
const marseille = { latitude: 43.2965, longitude: 5.3698 };

describe('haversineKm', () => {
  test('gives the known great-circle distances', () => {
    expect(haversineKm(paris, lyon)).toBeGreaterThan(390);
    expect(haversineKm(paris, lyon)).toBeLessThan(394);
    expect(haversineKm(paris, marseille)).toBeCloseTo(661, -1);
  });

  test('is symmetric, zero on the same point, and half the circumference between antipodes', () => {
    expect(haversineKm(lyon, paris)).toBeCloseTo(haversineKm(paris, lyon), 9);
    expect(haversineKm(paris, paris)).toBe(0);
    expect(haversineKm({ latitude: 0, longitude: 0 }, { latitude: 0, longitude: 180 })).toBeCloseTo((Math.PI * earthDiameterKm) / 2, 6);
  });
});
