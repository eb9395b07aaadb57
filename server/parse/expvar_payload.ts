import * as t from 'io-ts';
import type { JsonValue } from './lossless_json';
import { HEAP_FIELDS, type MemStatsNumericKey } from '../../common/heap_fields';

/**
 * A MemStats number: finite and not negative (every MemStats field is unsigned). Values above
 * 2^53 arrive as bigint from the lossless parser and stay exact.
 */
export type MemStatsNumber = number | bigint;
const isMemStatsNumber = (u: unknown): u is MemStatsNumber =>
  (typeof u === 'number' && Number.isFinite(u) && u >= 0) || (typeof u === 'bigint' && u >= 0n);
const MemStatsNumber = new t.Type<MemStatsNumber, MemStatsNumber, unknown>(
  'non-negative number',
  isMemStatsNumber,
  (u, c) => (isMemStatsNumber(u) ? t.success(u) : t.failure(u, c)),
  t.identity
);

const memStatsProps = Object.fromEntries(
  HEAP_FIELDS.map((field) => [field.source, MemStatsNumber])
) as Record<MemStatsNumericKey, typeof MemStatsNumber>;

const PauseDuration = new t.Type<number, number, unknown>(
  'pause duration in ns',
  (u): u is number => typeof u === 'number' && Number.isSafeInteger(u) && u >= 0,
  (u, c) => (typeof u === 'number' && Number.isSafeInteger(u) && u >= 0 ? t.success(u) : t.failure(u, c)),
  t.identity
);

/** One size class: objects of at most Size bytes, cumulative counts. */
const SizeClass = t.type({ Size: MemStatsNumber, Mallocs: MemStatsNumber, Frees: MemStatsNumber });

/** The MemStats fields the heap table reads, the pause ring and the size classes. */
export const MemStats = t.intersection(
  [t.type(memStatsProps), t.type({ PauseNs: t.array(PauseDuration) }), t.partial({ BySize: t.array(SizeClass) })],
  'memstats'
);
export type MemStats = t.TypeOf<typeof MemStats>;

export interface ExpvarPayload {
  /** Absent on a page that publishes cmdline and custom vars but not memstats. */
  readonly memstats: MemStats | undefined;
  readonly cmdline: readonly string[] | undefined;
  /** The whole vars object; the application's own vars are all keys but memstats and cmdline. */
  readonly vars: Readonly<Record<string, JsonValue>>;
}
