import * as t from 'io-ts';

/**
 * What the previous scrape of a target saw, persisted in the poll task's state so that it
 * survives task runs and Kibana restarts. Counters are decimal strings: JSON (and so the task
 * state) cannot carry integers beyond 2^53 exactly.
 */
export const GcCursor = t.intersection([
  t.type({
  num_gc: t.number,
  pause_total_ns: t.string,
  total_alloc: t.string,
  mallocs: t.string,
  scraped_at: t.number,
  /** A fingerprint of cmdline: a different command line is a different process. */
  cmdline: t.union([t.string, t.null]),
  }),
  // Cumulative Mallocs per size class, for per-class allocation rates.
  t.partial({ by_size_mallocs: t.array(t.string) }),
]);
export type GcCursor = t.TypeOf<typeof GcCursor>;
