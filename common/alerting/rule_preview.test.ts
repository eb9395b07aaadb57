import { isRight } from 'fp-ts/Either';
import { formatValidationErrors } from '../io_ts_errors';
import { RulePreviewQuery } from './rule_preview';

const decode = (query: Record<string, unknown>) => {
  const result = RulePreviewQuery.decode(query);
  return isRight(result) ? result.right : formatValidationErrors(result.left);
};

describe('RulePreviewQuery', () => {
  it('reads a query string', () => {
    expect(
      decode({
        measure: 'metric',
        metric: 'golang.heap.allocations.active',
        aggregation: 'max',
        window_ms: '300000',
        service_names: 'e2e-form',
      })
    ).toEqual({
      measure: 'metric',
      metric: 'golang.heap.allocations.active',
      aggregation: 'max',
      window_ms: 300000,
      service_names: ['e2e-form'],
    });
    expect(decode({ measure: 'gc_pause', percentile: '99.9', window_ms: '60000' })).toEqual({
      measure: 'gc_pause',
      percentile: 99.9,
      window_ms: 60000,
    });
  });

  it.each([
    ['a window beyond 24 h', { measure: 'gc_pause', percentile: '99', window_ms: '90000000' }],
    ['a window under a second', { measure: 'gc_pause', percentile: '99', window_ms: '999' }],
    [
      'a percentile the rule has not',
      { measure: 'gc_pause', percentile: '42', window_ms: '60000' },
    ],
    [
      'an unknown metric',
      { measure: 'metric', metric: 'nope', aggregation: 'max', window_ms: '1000' },
    ],
    ['an unknown measure', { measure: 'health', window_ms: '1000' }],
  ])('refuses %s', (_what, query) => {
    expect(RulePreviewQuery.is(query)).toBe(false);
    expect(typeof decode(query)).toBe('string');
  });
});
