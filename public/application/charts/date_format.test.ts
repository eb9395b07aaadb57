import { formatInstant, scaledDateFormat, type ScaledDateRules } from './date_format';

// Kibana's defaults of dateFormat and dateFormat:scaled.
const DATE_FORMAT = 'MMM D, YYYY @ HH:mm:ss.SSS';
const SCALED: ScaledDateRules = [
  ['', 'HH:mm:ss.SSS'],
  ['PT1S', 'HH:mm:ss'],
  ['PT1M', 'HH:mm'],
  ['PT1H', 'YYYY-MM-DD HH:mm'],
  ['P1DT', 'YYYY-MM-DD'],
  ['P1YT', 'YYYY'],
];
const S = 1000;
const H = 3600 * S;

describe('scaledDateFormat', () => {
  it.each([
    [500, 'HH:mm:ss.SSS'],
    [10 * S, 'HH:mm:ss'],
    [60 * S, 'HH:mm'],
    [5 * 60 * S, 'HH:mm'],
    [H, 'YYYY-MM-DD HH:mm'],
    [3 * H, 'YYYY-MM-DD HH:mm'],
    [24 * H, 'YYYY-MM-DD'],
    [400 * 24 * H, 'YYYY'],
  ])('picks the format of the largest interval reached (%d ms: %s)', (interval, format) => {
    expect(scaledDateFormat(SCALED, DATE_FORMAT, interval)).toBe(format);
  });

  it('falls back to dateFormat when no rule applies', () => {
    expect(scaledDateFormat([['PT1H', 'HH:mm']], DATE_FORMAT, S)).toBe(DATE_FORMAT);
  });
});

describe('formatInstant', () => {
  it('writes an instant in the moment format given', () => {
    const at = new Date(2026, 0, 2, 3, 4, 5, 6).getTime();
    expect(formatInstant(at, DATE_FORMAT)).toBe('Jan 2, 2026 @ 03:04:05.006');
  });
});
