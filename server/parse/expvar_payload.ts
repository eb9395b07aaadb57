import * as t from 'io-ts';
import { HEAP_FIELDS, type MemStatsNumericKey } from '../../common/heap_fields';

/** A MemStats number: finite and not negative (every MemStats field is unsigned). */
const MemStatsNumber = new t.Type<number, number, unknown>(
  'non-negative number',
  (u): u is number => typeof u === 'number' && Number.isFinite(u) && u >= 0,
  (u, c) =>
    typeof u === 'number' && Number.isFinite(u) && u >= 0 ? t.success(u) : t.failure(u, c),
  t.identity
);

const memStatsProps = Object.fromEntries(
  HEAP_FIELDS.map((field) => [field.source, MemStatsNumber])
) as Record<MemStatsNumericKey, typeof MemStatsNumber>;

/** The MemStats fields the heap table reads; other keys are ignored here. */
export const MemStats = t.type(memStatsProps, 'memstats');
export type MemStats = t.TypeOf<typeof MemStats>;

export interface ExpvarPayload {
  readonly memstats: MemStats;
  readonly cmdline: readonly string[] | undefined;
}
