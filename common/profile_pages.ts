import * as t from 'io-ts';
import { INTERNAL_API_BASE } from './constants';
import { strictObjectWithOptional } from './codecs';
import { InstanceName, TimeRange } from './panels';
import { HEAP_SAMPLE_TYPES } from './profiles';
import { ServiceName } from './targets';

/**
 * The Heap profile and Goroutines panels of the service and instance pages: requests and
 * responses of their internal routes (Kibana's own UI only; not a public API).
 */
export const HEAP_PROFILE_ROUTE = `${INTERNAL_API_BASE}/profiles/heap`;
export const GOROUTINES_ROUTE = `${INTERNAL_API_BASE}/profiles/goroutines`;

/** What grew lists at most this many functions; the response says how many more grew. */
export const MAX_GROWTH_ROWS = 20;
/** Top stack groups of a goroutine read shown with their growth. */
export const MAX_GOROUTINE_GROUP_ROWS = 20;
/** Instances charted one by one in the goroutine count; the rest are counted. */
export const MAX_GOROUTINE_LINES = 20;

/** One service's profiles in a time range, optionally of one instance (service.node.name). */
export const ProfileRequest = strictObjectWithOptional(
  { ...TimeRange, service_name: ServiceName },
  { instance: InstanceName },
  'ProfileRequest'
);
export type ProfileRequest = t.TypeOf<typeof ProfileRequest>;

/** One function's in-use growth between the first and the last heap profile of a range. */
export const GrowthRow = t.type({
  function: t.string,
  /** As the profile names it; empty when the profile's function table did not list it. */
  file: t.string,
  line: t.number,
  inuse_space_growth: t.number,
  inuse_objects_growth: t.number,
  inuse_space_last: t.number,
  inuse_objects_last: t.number,
  /** False when the first profile's top lists did not name it (its first value taken as 0). */
  listed_in_first: t.boolean,
});
export type GrowthRow = t.TypeOf<typeof GrowthRow>;

const FunctionValue = t.type({ function: t.string, value: t.number });

const SampleTypeFigures = t.type({
  total: t.number,
  top_flat: t.array(FunctionValue),
  /** Stacks the stored flame graph left out and the value they carried. */
  stacks_cut: t.number,
  value_cut: t.number,
});

export const HeapProfileResponse = t.union([
  t.type({ found: t.literal(false) }),
  t.type({
    found: t.literal(true),
    /** The last heap profile in the range: its time and instance. */
    at: t.number,
    instance: t.string,
    profiles_in_range: t.number,
    functions: t.array(t.type({ function: t.string, file: t.string, line: t.number })),
    /** Root first, indexes into `functions`; values in HEAP_SAMPLE_TYPES order. */
    stacks: t.array(t.type({ frames: t.array(t.number), values: t.array(t.number) })),
    sample_types: t.type(
      Object.fromEntries(HEAP_SAMPLE_TYPES.map((type) => [type, SampleTypeFigures])) as Record<
        (typeof HEAP_SAMPLE_TYPES)[number],
        typeof SampleTypeFigures
      >
    ),
    /** Against the first profile of the same instance in the range; null with one profile. */
    what_grew: t.union([
      t.null,
      t.type({
        first_at: t.number,
        rows: t.array(GrowthRow),
        /** Functions that grew beyond the rows listed. */
        more: t.number,
      }),
    ]),
  }),
]);
export type HeapProfileResponse = t.TypeOf<typeof HeapProfileResponse>;
export type FoundHeapProfile = Extract<HeapProfileResponse, { found: true }>;

export const GoroutineGroupRow = t.type({
  function: t.string,
  file: t.string,
  line: t.number,
  top_frame: t.string,
  count: t.number,
  /** Count minus the same stack's count in the first read of the same instance in the range. */
  growth: t.number,
  /** False when the first read did not list this stack (its first count taken as 0). */
  listed_in_first: t.boolean,
});
export type GoroutineGroupRow = t.TypeOf<typeof GoroutineGroupRow>;

export const GoroutinesResponse = t.type({
  bucket_ms: t.number,
  /** The count over time, one line per instance (goroutine reads' `total`, max per bucket). */
  lines: t.array(
    t.type({
      instance: t.string,
      points: t.array(t.tuple([t.number, t.union([t.number, t.null])])),
    })
  ),
  instances_limited: t.boolean,
  /** The last goroutine read in the range and its groups; null when there is none. */
  last: t.union([
    t.null,
    t.type({
      at: t.number,
      instance: t.string,
      total: t.number,
      first_at: t.number,
      groups: t.array(GoroutineGroupRow),
      groups_total: t.number,
    }),
  ]),
});
export type GoroutinesResponse = t.TypeOf<typeof GoroutinesResponse>;
