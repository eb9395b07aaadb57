import { mergeServiceRows, type SourceServiceRow } from './service_rows';
import { counterIncrease } from './source_services_query';

const NOW = 1_000_000;
const row = (over: Partial<SourceServiceRow>): SourceServiceRow => ({
  source: 'go_runtime',
  name: 'orders',
  instancesSeen: 1,
  instances: [{ last: NOW - 1_000, periodMs: 10_000, heap: 100 }],
  pauseP99: null,
  pauseMax: null,
  cycles: null,
  restarts: 0,
  last: NOW - 1_000,
  sparkline: [],
  ...over,
});
const scraped = { state: 'healthy' as const, up: 1, down: 0, stale: 0 };

describe('one services-list row from several sources', () => {
  it('counts an instance of the plugin and one of APM as two, adds their heap, lists both sources own first', () => {
    const merged = mergeServiceRows(
      [
        row({ pauseP99: 5, pauseMax: 9, cycles: 10, sparkline: [[0, 100]] }),
        row({
          source: 'apm',
          instances: [{ last: NOW, periodMs: 30_000, heap: 50 }],
          sparkline: [[0, 50]],
        }),
      ],
      scraped,
      NOW,
      1
    );
    expect(merged).toMatchObject({
      service_name: 'orders',
      sources: ['go_runtime', 'apm'],
      instances_seen: 2,
      instances_recent: 2,
      heap_in_use_bytes: 150,
      gc_pause_p99_ns: 5,
      gc_pause_max_ns: 9,
      gc_cycles_per_minute: 10,
      health: { state: 'healthy', up: 2, down: 0, stale: 0 },
      heap_sparkline: [[0, 150]],
    });
  });

  it('shows a service of other sources only as reporting or stale, with the pause max of Metricbeat', () => {
    const merged = mergeServiceRows(
      [
        row({
          source: 'metricbeat',
          instancesSeen: 2,
          instances: [
            { last: NOW, periodMs: 10_000, heap: 10 },
            { last: NOW - 60_000, periodMs: 10_000, heap: 20 },
          ],
          pauseMax: 7,
        }),
      ],
      undefined,
      NOW,
      1
    );
    expect(merged.health).toEqual({ state: 'degraded', up: 1, down: 0, stale: 1 });
    // The instance that went away no longer counts toward the heap in use.
    expect(merged.heap_in_use_bytes).toBe(10);
    expect(merged.gc_pause_p99_ns).toBeNull();
    expect(merged.gc_pause_max_ns).toBe(7);
    expect(merged.gc_cycles_per_minute).toBeNull();
  });
});

describe('GC cycles from a cumulative count', () => {
  it('is last minus first without a restart, and counts both sides of one restart', () => {
    expect(counterIncrease(100, 150, 150)).toBe(50);
    // 100 → 180, restart, 0 → 30.
    expect(counterIncrease(100, 30, 180)).toBe(110);
  });
});
