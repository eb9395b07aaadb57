import { isRight } from 'fp-ts/Either';
import { formatValidationErrors } from './io_ts_errors';
import { ProfileSettings, resolveProfileSettings } from './profiles';

const refusal = (value: unknown): string => {
  const decoded = ProfileSettings.decode(value);
  if (isRight(decoded)) throw new Error('expected a refusal');
  return formatValidationErrors(decoded.left);
};

describe('ProfileSettings', () => {
  it('takes the defaults for what is left out', () => {
    expect(resolveProfileSettings(undefined)).toEqual({
      pathPrefix: '/debug/pprof/',
      heapPeriodMs: 300_000,
      goroutinePeriodMs: 60_000,
    });
    expect(resolveProfileSettings({ heap_period: 'off', goroutine_period: '10s' })).toMatchObject({
      heapPeriodMs: 'off',
      goroutinePeriodMs: 10_000,
    });
  });

  it.each([
    [{ heap_period: '30s' }, /heap_period.*"off" or a duration from 1m to 1h/],
    [{ heap_period: '2h' }, /heap_period/],
    [{ goroutine_period: '5s' }, /goroutine_period.*10s to 1h/],
    [{ path_prefix: 'debug/pprof' }, /path_prefix.*starting and ending with "\/"/],
    [{ path_prefix: '/debug/../x/' }, /path_prefix/],
    [{ path_prefix: '/debug/%2E%2e/x/' }, /path_prefix/],
    [{ heapPeriod: '5m' }, /heapPeriod/],
  ])('refuses %j', (value, message) => {
    expect(refusal(value)).toMatch(message);
  });

  it('accepts the bounds and off', () => {
    for (const value of [
      { heap_period: '1m', goroutine_period: '10s' },
      { heap_period: '1h', goroutine_period: '1h' },
      { heap_period: 'off', goroutine_period: 'off', path_prefix: '/internal/pprof/' },
    ])
      expect(isRight(ProfileSettings.decode(value))).toBe(true);
  });
});
