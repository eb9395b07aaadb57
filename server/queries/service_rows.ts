import type { ServiceSummary } from '../../common/panels';
import { withReportingInstances, type ServiceHealth } from '../../common/service_health';
import type { SourceId } from '../../common/sources';

/** One instance of a service in one source, as the services list reads it. */
export interface InstanceSample {
  /** Its newest document in the range (epoch ms). */
  readonly last: number;
  readonly periodMs: number;
  /** Heap in use of its newest document that has it. */
  readonly heap: number | null;
}

/** What one source knows of one service in the range. */
export interface SourceServiceRow {
  readonly source: SourceId;
  readonly name: string;
  readonly instancesSeen: number;
  /** The most recent instances, one by one (at most a bounded number). */
  readonly instances: readonly InstanceSample[];
  readonly pauseP99: number | null;
  readonly pauseMax: number | null;
  /** GC cycles in the range, null when the source has none to count. */
  readonly cycles: number | null;
  readonly restarts: number;
  readonly last: number | null;
  /** Heap in use summed over the instances reporting, per bucket (the same buckets in every source). */
  readonly sparkline: ReadonlyArray<readonly [number, number | null]>;
}

/**
 * Whether an instance of another source reports now: its newest document is at most three of
 * its periods and 15 s old, the margin after which the plugin calls its own instances stale
 * (their documents pass through APM Server or an ingest pipeline, and arrive late).
 */
export function reportsNow(instance: InstanceSample, now: number): boolean {
  return instance.last >= now - (3 * instance.periodMs + 15_000);
}

const sumOrNull = (values: ReadonlyArray<number | null>) =>
  values.some((v) => v !== null) ? values.reduce<number>((sum, v) => sum + (v ?? 0), 0) : null;
const maxOrNull = (values: ReadonlyArray<number | null>) =>
  values.some((v) => v !== null)
    ? Math.max(...values.filter((v): v is number => v !== null))
    : null;

/**
 * One row of the services list from what each source knows of the service (in the order of
 * `rows`, the plugin's own first). Instances of different sources are different instances, so
 * counts and heap add up; the pause p99 is the plugin's own (no other source has per-GC pauses),
 * the pause max the largest any source saw. `scrapeHealth` is the plugin's own instances'
 * health; the other sources' instances count by how recently they reported.
 */
export function mergeServiceRows(
  rows: readonly SourceServiceRow[],
  scrapeHealth: ServiceHealth | undefined,
  now: number,
  minutes: number
): ServiceSummary {
  const serviceLast = maxOrNull(rows.map((row) => row.last));
  let heap: number | null = null;
  let recent = 0;
  let externalRecent = 0;
  for (const row of rows)
    for (const instance of row.instances) {
      const isRecent =
        row.source === 'go_runtime'
          ? instance.last >= now - 2 * instance.periodMs
          : reportsNow(instance, now);
      if (isRecent) recent++;
      if (isRecent && row.source !== 'go_runtime') externalRecent++;
      // An instance that went away no longer counts toward the heap in use.
      if (instance.heap !== null && instance.last >= (serviceLast ?? 0) - 2 * instance.periodMs)
        heap = (heap ?? 0) + instance.heap;
    }
  const external = rows.filter((row) => row.source !== 'go_runtime');
  const health =
    external.length === 0
      ? scrapeHealth!
      : withReportingInstances(scrapeHealth, {
          recent: externalRecent,
          seen: external.reduce((sum, row) => sum + row.instancesSeen, 0),
        });
  const cycles = sumOrNull(rows.map((row) => row.cycles));
  const points = new Map<number, Array<number | null>>();
  for (const row of rows)
    for (const [at, value] of row.sparkline) points.set(at, [...(points.get(at) ?? []), value]);
  return {
    service_name: rows[0]!.name,
    health,
    instances_seen: rows.reduce((sum, row) => sum + row.instancesSeen, 0),
    instances_recent: recent,
    heap_in_use_bytes: heap,
    gc_pause_p99_ns: maxOrNull(rows.map((row) => row.pauseP99)),
    gc_pause_max_ns: maxOrNull(rows.map((row) => row.pauseMax)),
    gc_cycles_per_minute: cycles === null ? null : cycles / minutes,
    restarts: rows.reduce((sum, row) => sum + row.restarts, 0),
    last_sample_at: serviceLast,
    sources: [...new Set(rows.map((row) => row.source))],
    heap_sparkline: [...points]
      .sort(([a], [b]) => a - b)
      .map(([at, values]): [number, number | null] => [at, sumOrNull(values)]),
  };
}
