import { DEFAULT_TIME_RANGE, parseTimeRange, resolveTimeRange, withTimeRange } from './time_range';

describe('time range in the URL', () => {
  it('reads what a link carries and defaults what it does not', () => {
    expect(
      parseTimeRange('?rangeFrom=now-24h&rangeTo=now&refreshInterval=30000&refreshPaused=true')
    ).toEqual({
      rangeFrom: 'now-24h',
      rangeTo: 'now',
      refreshInterval: 30_000,
      refreshPaused: true,
    });
    expect(parseTimeRange('')).toEqual(DEFAULT_TIME_RANGE);
    expect(parseTimeRange('?refreshInterval=5').refreshInterval).toBe(
      DEFAULT_TIME_RANGE.refreshInterval
    );
  });

  it('replaces the range and keeps other parameters', () => {
    const search = withTimeRange('?instances=a&rangeFrom=now-1h', { rangeFrom: 'now-7d' });
    const params = new URLSearchParams(search);
    expect(params.get('instances')).toBe('a');
    expect(params.get('rangeFrom')).toBe('now-7d');
    expect(parseTimeRange(search).rangeTo).toBe('now');
  });

  it('resolves date math against now, and refuses a range that ends before it starts', () => {
    const now = new Date('2026-12-01T12:00:00Z');
    expect(resolveTimeRange({ rangeFrom: 'now-1h', rangeTo: 'now' }, now)).toEqual({
      from: '2026-12-01T11:00:00.000Z',
      to: '2026-12-01T12:00:00.000Z',
    });
    expect(resolveTimeRange({ rangeFrom: 'now', rangeTo: 'now-1h' }, now)).toBeUndefined();
    expect(resolveTimeRange({ rangeFrom: 'yesterday-ish', rangeTo: 'now' }, now)).toBeUndefined();
  });
});
