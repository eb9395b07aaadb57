import { isRight, isLeft } from 'fp-ts/Either';
import { formatValidationErrors } from './io_ts_errors';
import { Interval, intervalToMs } from './interval';

describe('Interval', () => {
  it.each([
    ['1s', 1_000],
    ['10s', 10_000],
    ['5m', 300_000],
    ['24h', 86_400_000],
    // The forms common/duration.ts reads, as everywhere else in the plugin.
    ['1d', 86_400_000],
    ['060s', 60_000],
  ])('accepts %s as %d ms', (text, ms) => {
    const decoded = Interval.decode(text);
    expect(isRight(decoded) && intervalToMs(decoded.right)).toBe(ms);
  });

  it.each([
    ['10', 'must look like "10s"'],
    ['0s', 'must be at least 1s (each scrape briefly stops the Go program), got "0s"'],
    ['1.5s', 'must look like "10s"'],
    ['500ms', 'must look like "10s"'],
    ['25h', 'must be at most 24h'],
    ['2d', 'must be at most 24h'],
    [10, 'must be a string like "10s"'],
  ])('rejects %p with a message that says why', (input, message) => {
    const decoded = Interval.decode(input);
    expect(isLeft(decoded) && formatValidationErrors(decoded.left)).toContain(message);
  });
});
