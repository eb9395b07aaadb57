import { durationMs, parseDuration } from './duration';

describe('parseDuration', () => {
  it.each([
    ['10s', 10_000],
    ['1m', 60_000],
    ['2h', 7_200_000],
    ['1d', 86_400_000],
  ])('%s is %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['', '1', 'm', '1.5m', '-1m', '1w', ' 1m'])('%p is no duration', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });

  it('agrees with durationMs', () => {
    expect(parseDuration('90s')).toBe(durationMs(90, 's'));
  });
});
