import { serviceHealthOf, withReportingInstances, type InstanceHealth } from './service_health';

const base = { target_id: 't', last_attempt_at: 0, period_ms: 10_000 };
const up = (instance: string): InstanceHealth => ({ ...base, instance, state: 'up' });
const down = (instance: string): InstanceHealth => ({
  ...base,
  instance,
  state: 'down',
  down_since: 0,
  error: { class: 'refused', message: 'connection refused' },
});
const stale = (
  instance: string,
  cause: 'disabled' | 'removed' | 'not_scraped'
): InstanceHealth => ({
  ...base,
  instance,
  state: 'stale',
  cause,
});

describe('serviceHealthOf', () => {
  it('is healthy when every instance answers', () => {
    expect(serviceHealthOf([up('a'), up('b')])).toEqual({
      state: 'healthy',
      up: 2,
      down: 0,
      stale: 0,
    });
  });
  it('is degraded when some answer and some are down or stale', () => {
    expect(serviceHealthOf([up('a'), down('b')]).state).toBe('degraded');
    expect(serviceHealthOf([up('a'), stale('b', 'disabled')]).state).toBe('degraded');
  });
  it('is down when none answers and one fails', () => {
    expect(serviceHealthOf([down('a'), stale('b', 'not_scraped')])).toEqual({
      state: 'down',
      up: 0,
      down: 1,
      stale: 1,
    });
  });
  it('is stale when nobody scrapes it any more', () => {
    expect(serviceHealthOf([stale('a', 'disabled')]).state).toBe('stale');
  });
  it('does not count a deleted target beside live ones, but is stale when only those are left', () => {
    expect(serviceHealthOf([up('a'), stale('b', 'removed')])).toEqual({
      state: 'healthy',
      up: 1,
      down: 0,
      stale: 0,
    });
    expect(serviceHealthOf([stale('b', 'removed')])).toEqual({
      state: 'stale',
      up: 0,
      down: 0,
      stale: 1,
    });
  });
});

describe('instances of other sources, which have no scrape health', () => {
  it('count as up while reporting and stale when not, never down', () => {
    expect(withReportingInstances(undefined, { recent: 2, seen: 2 })).toEqual({
      state: 'healthy',
      up: 2,
      down: 0,
      stale: 0,
    });
    expect(withReportingInstances(undefined, { recent: 0, seen: 3 })).toEqual({
      state: 'stale',
      up: 0,
      down: 0,
      stale: 3,
    });
  });

  it('add to the scraped instances of the same service', () => {
    const scraped = serviceHealthOf([down('a')]);
    expect(withReportingInstances(scraped, { recent: 1, seen: 1 })).toEqual({
      state: 'degraded',
      up: 1,
      down: 1,
      stale: 0,
    });
  });
});
