import * as t from 'io-ts';
import { IsoInstant, boundedString, keyOf, strictObjectWithOptional } from './codecs';
// One service name, whether a target is written with it or a panel reads it.
import { ServiceName } from './targets';
import { InstanceHealth, ServiceHealth } from './service_health';
import {
  SourceIdCodec,
  SourceNote,
  SourceProblem,
  sourceField,
  type Measure,
  type SourceId,
} from './sources';

/**
 * Requests and responses of the dashboard panels. The same decoded request is what a server
 * caller (an alerting rule executor) passes to a panel query, so both sides share one shape.
 */

export const PANEL_IDS = [
  'heap',
  'gc_pauses',
  'gc_cycles',
  'mcache_mspan',
  'stack_other',
  'allocation_rate',
  'size_classes',
  'custom_vars',
  'goroutines',
] as const;
export type PanelId = (typeof PANEL_IDS)[number];

/**
 * Panels that draw one measure only some sources report: a dashboard shows them only for a
 * service with such a source (goroutines: the APM Go agent's), instead of an empty panel.
 */
const PANEL_MEASURE: Partial<Record<PanelId, Measure>> = { goroutines: 'golang.goroutines' };

/**
 * Panels only the plugin's own scrapes feed: no other source reports size classes (BySize), and
 * the integration's custom vars are not read. A service without a scraped instance does not
 * show them (nor the profile panels: nobody reads its pprof).
 */
const OWN_SCRAPES_ONLY: readonly PanelId[] = ['size_classes', 'custom_vars'];

/** The panels a service's sources can feed, in PANEL_IDS order. */
export function panelsFor(sources: readonly SourceId[]): PanelId[] {
  return PANEL_IDS.filter((id) => {
    if (OWN_SCRAPES_ONLY.includes(id)) return sources.includes('go_runtime');
    const measure = PANEL_MEASURE[id];
    return measure === undefined || sources.some((source) => sourceField(source, measure));
  });
}

/** A request may select at most this many instances by name; more is a broken client. */
export const MAX_SELECTED_INSTANCES = 100;
/** How many custom vars one request may chart. */
export const MAX_CHARTED_VARS = 10;

export const InstanceName = boundedString('InstanceName', 256);

/** A list from a query string: one value arrives as a string, several as an array. */
export function stringList(name: string, item: t.Type<string, string, unknown>, max: number) {
  return new t.Type<string[], string[], unknown>(
    name,
    (u): u is string[] => Array.isArray(u) && u.length <= max && u.every((v) => item.is(v)),
    (u, c) => {
      const values = typeof u === 'string' ? [u] : u;
      if (!Array.isArray(values))
        return t.failure(u, c, `[${keyOf(c)}] must be a string or a list of strings`);
      if (values.length > max)
        return t.failure(
          u,
          c,
          `[${keyOf(c)}] may list at most ${max} values, got ${values.length}`
        );
      const out: string[] = [];
      for (const value of values) {
        const decoded = item.validate(value, c);
        if (decoded._tag === 'Left') return decoded;
        out.push(decoded.right);
      }
      return t.success([...new Set(out)]);
    },
    t.identity
  );
}

/** `true`/`false` as a query string carries them, or a boolean from a server caller. */
export const BooleanFlag = new t.Type<boolean, boolean, unknown>(
  'BooleanFlag',
  (u): u is boolean => typeof u === 'boolean',
  (u, c) =>
    typeof u === 'boolean'
      ? t.success(u)
      : u === 'true' || u === 'false'
      ? t.success(u === 'true')
      : t.failure(u, c, `[${keyOf(c)}] must be true or false`),
  t.identity
);

/** Instant codec that also takes epoch ms, so a server caller need not format dates. */
const Instant = new t.Type<number, string, unknown>(
  'Instant',
  IsoInstant.is,
  (u, c) =>
    typeof u === 'number' && Number.isFinite(u) ? t.success(u) : IsoInstant.validate(u, c),
  IsoInstant.encode
);

export const TimeRange = { from: Instant, to: Instant };

/** One panel of one service: the time range, optionally some instances, optionally split by instance. */
export const PanelRequest = strictObjectWithOptional(
  { ...TimeRange, service_name: ServiceName },
  {
    instances: stringList('InstanceNames', InstanceName, MAX_SELECTED_INSTANCES),
    by_instance: BooleanFlag,
  },
  'PanelRequest'
);
export type PanelRequest = t.TypeOf<typeof PanelRequest>;

export const SizeClassesRequest = strictObjectWithOptional(
  { ...TimeRange, service_name: ServiceName },
  { instances: stringList('InstanceNames', InstanceName, MAX_SELECTED_INSTANCES) },
  'SizeClassesRequest'
);
export type SizeClassesRequest = t.TypeOf<typeof SizeClassesRequest>;

export const CustomVarsRequest = strictObjectWithOptional(
  { ...TimeRange, service_name: ServiceName },
  {
    instances: stringList('InstanceNames', InstanceName, MAX_SELECTED_INSTANCES),
    vars: stringList('VarNames', boundedString('VarName', 1024), MAX_CHARTED_VARS),
  },
  'CustomVarsRequest'
);
export type CustomVarsRequest = t.TypeOf<typeof CustomVarsRequest>;

export const ServicesRequest = strictObjectWithOptional(TimeRange, {}, 'ServicesRequest');
export type ServicesRequest = t.TypeOf<typeof ServicesRequest>;

export const ServiceRequest = strictObjectWithOptional(
  { ...TimeRange, service_name: ServiceName },
  { instances: stringList('InstanceNames', InstanceName, MAX_SELECTED_INSTANCES) },
  'ServiceRequest'
);
export type ServiceRequest = t.TypeOf<typeof ServiceRequest>;

export const InstanceLatestRequest = strictObjectWithOptional(
  { ...TimeRange, service_name: ServiceName, instance: InstanceName },
  {},
  'InstanceLatestRequest'
);
export type InstanceLatestRequest = t.TypeOf<typeof InstanceLatestRequest>;

const Nullable = t.union([t.number, t.null]);

/**
 * How the instances of a response were bounded. `total` is how many reported in the range,
 * `shown` how many the response covers one by one (all of them when `limited` is false).
 */
export const InstanceLimit = t.type({ total: t.number, shown: t.number, limited: t.boolean });
export type InstanceLimit = t.TypeOf<typeof InstanceLimit>;

/** One line: a metric of the panel, for all selected instances or for one (`instance`). */
export const MetricLine = t.intersection([
  t.type({ metric: t.string, points: t.array(t.tuple([t.number, Nullable])) }),
  /** `source`: where an instance's line comes from, when split by instance. */
  t.partial({ instance: t.string, source: SourceIdCodec }),
]);
export type MetricLine = t.TypeOf<typeof MetricLine>;

/**
 * What every panel response may add when the service has data in several sources: a source
 * that failed (the others still drew) and a one-line note per source that feeds the panel
 * less than the plugin's own scrapes do.
 */
export const SourceRemarks = t.partial({
  problems: t.array(SourceProblem),
  notes: t.array(SourceNote),
});
export type SourceRemarks = t.TypeOf<typeof SourceRemarks>;

export const MetricPanelResponse = t.intersection([
  t.type({
    bucket_ms: t.number,
    lines: t.array(MetricLine),
    instances: InstanceLimit,
  }),
  SourceRemarks,
]);
export type MetricPanelResponse = t.TypeOf<typeof MetricPanelResponse>;

export const PauseBucket = t.type({
  at: t.number,
  p50: Nullable,
  p95: Nullable,
  p99: Nullable,
  max: Nullable,
  /** Pauses read in the bucket (exact count). */
  pauses: t.number,
  /** GCs that left Go's 256-entry ring before a scrape read them. */
  missed: t.number,
});
export type PauseBucket = t.TypeOf<typeof PauseBucket>;

export const PauseLine = t.intersection([
  t.type({ buckets: t.array(PauseBucket) }),
  t.partial({ instance: t.string, source: SourceIdCodec }),
]);
export type PauseLine = t.TypeOf<typeof PauseLine>;

export const GcPausesResponse = t.intersection([
  t.type({
    bucket_ms: t.number,
    lines: t.array(PauseLine),
    instances: InstanceLimit,
  }),
  SourceRemarks,
  /**
   * Sources without per-GC pauses (the APM Go agent): GC pause time per second of each bucket,
   * from the cumulative total (metric `pause_ns_per_second`), beside the pause lines.
   */
  t.partial({ pause_time: t.array(MetricLine) }),
]);
export type GcPausesResponse = t.TypeOf<typeof GcPausesResponse>;

export const SizeClassCell = t.type({ live: t.number, allocation_rate: Nullable });
export type SizeClassCell = t.TypeOf<typeof SizeClassCell>;

export const SizeClassesResponse = t.type({
  bucket_ms: t.number,
  /** Size classes (largest object size, bytes), ascending. */
  sizes: t.array(t.number),
  /** Buckets without samples are absent. Keys of `classes` are sizes. */
  buckets: t.array(t.type({ at: t.number, classes: t.record(t.string, SizeClassCell) })),
  instances: InstanceLimit,
});
export type SizeClassesResponse = t.TypeOf<typeof SizeClassesResponse>;

export const CustomVarLine = t.type({
  name: t.string,
  instance: t.string,
  points: t.array(t.tuple([t.number, Nullable])),
});
export type CustomVarLine = t.TypeOf<typeof CustomVarLine>;

export const CustomVarsResponse = t.type({
  bucket_ms: t.number,
  /** The numeric vars the service published in the range (JSON Pointer names), most common first. */
  available: t.array(t.type({ name: t.string, documents: t.number })),
  available_limited: t.boolean,
  lines: t.array(CustomVarLine),
  /** String and boolean vars: each instance's latest values. */
  labels: t.array(
    t.type({ instance: t.string, at: t.number, values: t.record(t.string, t.string) })
  ),
  instances: InstanceLimit,
});
export type CustomVarsResponse = t.TypeOf<typeof CustomVarsResponse>;

export const Restart = t.type({ at: t.number, instance: t.string, reason: t.string });
export type Restart = t.TypeOf<typeof Restart>;

export const RestartsResponse = t.type({ restarts: t.array(Restart), limited: t.boolean });
export type RestartsResponse = t.TypeOf<typeof RestartsResponse>;

export const ServiceSummary = t.type({
  service_name: t.string,
  instances_seen: t.number,
  /** Instances with a sample within the last two scrape intervals (of those listed one by one). */
  instances_recent: t.number,
  heap_in_use_bytes: Nullable,
  gc_pause_p99_ns: Nullable,
  gc_pause_max_ns: Nullable,
  gc_cycles_per_minute: Nullable,
  restarts: t.number,
  last_sample_at: Nullable,
  heap_sparkline: t.array(t.tuple([t.number, Nullable])),
  /** Whether its instances are scraped successfully now (service_health.ts). */
  health: ServiceHealth,
  /** Every source the service has data in, the plugin's own first (the list's badges and filter). */
  sources: t.array(SourceIdCodec),
});
export type ServiceSummary = t.TypeOf<typeof ServiceSummary>;

export const ServicesResponse = t.intersection([
  t.type({ services: t.array(ServiceSummary), limited: t.boolean }),
  SourceRemarks,
]);
export type ServicesResponse = t.TypeOf<typeof ServicesResponse>;

export const InstanceSummary = t.type({
  name: t.string,
  last_sample_at: t.number,
  documents: t.number,
  /** Which source reports it: the same name in two sources is two instances. */
  source: SourceIdCodec,
});
export type InstanceSummary = t.TypeOf<typeof InstanceSummary>;
export const ServiceInstancesResponse = t.intersection([
  t.type({ instances: t.array(InstanceSummary), limited: t.boolean }),
  /** A source whose instances could not be listed (the others are). */
  SourceRemarks,
]);
export type ServiceInstancesResponse = t.TypeOf<typeof ServiceInstancesResponse>;

export const InstanceLatestResponse = t.union([
  t.type({ found: t.literal(false) }),
  t.type({
    found: t.literal(true),
    at: t.number,
    target_id: t.string,
    /** Field table name → value; integers beyond 2^53 arrive as exact strings. */
    values: t.record(t.string, t.union([t.number, t.string])),
    cmdline: t.union([t.array(t.string), t.null]),
  }),
]);
export type InstanceLatestResponse = t.TypeOf<typeof InstanceLatestResponse>;

export const ServiceHealthRequest = strictObjectWithOptional(
  { service_name: ServiceName },
  { instance: InstanceName },
  'ServiceHealthRequest'
);
export type ServiceHealthRequest = t.TypeOf<typeof ServiceHealthRequest>;

export const ServiceHealthResponse = t.type({
  /** Null when no attempt for the service (or instance) was recorded in the health lookback. */
  health: t.union([ServiceHealth, t.null]),
  instances: t.array(InstanceHealth),
  /** The newest heap document of the service (or instance) kept, whatever the range: "last seen". */
  last_sample_at: Nullable,
});
export type ServiceHealthResponse = t.TypeOf<typeof ServiceHealthResponse>;
