import { describe, expect, test } from 'vitest';
import { describeDevice } from './devices';

describe('describeDevice', () => {
  test('names the browser (major version) and the system in words', () => {
    expect(describeDevice('Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0')).toEqual({
      browser: 'Firefox 128',
      system: 'Windows 10',
    });
    expect(
      describeDevice('Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1'),
    ).toEqual({ browser: 'Mobile Safari 17', system: 'iOS 17.4' });
    expect(describeDevice('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36')).toEqual({
      browser: 'Chrome 124',
      system: 'Linux',
    });
  });

  test('says nothing it cannot tell', () => {
    expect(describeDevice(null)).toEqual({ browser: null, system: null });
    expect(describeDevice('vitest')).toEqual({ browser: null, system: null });
    expect(describeDevice('bench:booking')).toEqual({ browser: null, system: null });
  });
});
