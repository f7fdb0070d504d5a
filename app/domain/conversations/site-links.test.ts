import { describe, expect, test } from 'vitest';
import { siteLinks } from './site-links';

const origin = 'https://ptce.example.fr';

describe('siteLinks', () => {
  test('an address of this site becomes a link to its path; the text around it stays', () => {
    expect(siteLinks(`Détails et réservation : ${origin}/visites/0b6f3c1e-1b1a-4c47-9a55-0d4f3b3b6a10`, origin)).toEqual([
      'Détails et réservation : ',
      { text: `${origin}/visites/0b6f3c1e-1b1a-4c47-9a55-0d4f3b3b6a10`, path: '/visites/0b6f3c1e-1b1a-4c47-9a55-0d4f3b3b6a10' },
    ]);
  });

  test('the punctuation closing a sentence is not part of the address; query and fragment are', () => {
    expect(siteLinks(`Voir ${origin}/visites?mois=2027-03#liste. Merci !`, origin)).toEqual([
      'Voir ',
      { text: `${origin}/visites?mois=2027-03#liste`, path: '/visites?mois=2027-03#liste' },
      '. Merci !',
    ]);
  });

  test('another site, a look-alike host, or an address that does not parse stay plain text', () => {
    for (const body of [
      'Voir https://exemple.org/visites/1',
      `Voir ${origin}.pirate.example/visites/1`,
      'https://ptce.example.fr@pirate.example/visites',
      'Voir http://[::1',
    ]) {
      expect(siteLinks(body, origin).every((part) => typeof part === 'string')).toBe(true);
      expect(siteLinks(body, origin).join('')).toBe(body);
    }
  });

  test('a text without an address is itself', () => {
    expect(siteLinks('Bonjour, à bientôt.', origin)).toEqual(['Bonjour, à bientôt.']);
    expect(siteLinks('', origin)).toEqual([]);
  });
});
