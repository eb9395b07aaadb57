import type { IdentityKey } from '../sources/source_readers';
import type { Buckets } from './aggregation_results';

/** The aggregations `keyedTerms` asks for, by the name it gives each key (`by_<i>`). */
export type KeyedTerms<TBucket> = Readonly<Record<string, { readonly names: Buckets<TBucket> }>>;

/**
 * Terms over names that several fields may hold (see IdentityKey): one filtered terms
 * aggregation per key, `by_<i>`, each with the same sub-aggregations.
 */
export function keyedTerms(
  keys: readonly IdentityKey[],
  terms: Record<string, unknown>,
  aggs?: Record<string, object>
): Record<string, object> {
  return Object.fromEntries(
    keys.map((key, i) => [
      `by_${i}`,
      {
        filter: key.filter,
        aggs: {
          names: { terms: { ...terms, field: key.field }, ...(aggs === undefined ? {} : { aggs }) },
        },
      },
    ])
  );
}

/**
 * Every key's buckets with the name each stands for (an address named in kibana.yml is that
 * name). Two buckets may stand for one name (a service named by service.name in some documents
 * and by its named address in others): the caller merges them.
 */
export function keyedBuckets<TBucket extends { readonly key: string | number }>(
  keys: readonly IdentityKey[],
  result: KeyedTerms<TBucket> | undefined
): Array<{ readonly name: string; readonly bucket: TBucket }> {
  return keys.flatMap((key, i) =>
    (result?.[`by_${i}`]?.names.buckets ?? []).map((bucket) => ({
      name: key.rename?.[String(bucket.key)] ?? String(bucket.key),
      bucket,
    }))
  );
}

/** Whether any key had more names than the terms size asked for (the listing was cut). */
export function keyedLimited(
  keys: readonly IdentityKey[],
  result: KeyedTerms<unknown> | undefined,
  size: number
): boolean {
  return keys.some((_, i) => (result?.[`by_${i}`]?.names.buckets.length ?? 0) > size);
}
