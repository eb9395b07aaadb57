/**
 * Shapes of the aggregation results the queries ask for, to give `client.search<TDocument,
 * TAggregations>` as its type parameters. Each query states the tree it requests, so a renamed
 * aggregation or a missing sub-aggregation is a type error instead of an `undefined` at run time.
 */
export interface Buckets<TBucket> {
  readonly buckets: readonly TBucket[];
}

/** A terms (or histogram) bucket: `key` is a string for keyword terms, epoch ms for dates. */
export interface Bucket<TKey extends string | number = string> {
  readonly key: TKey;
  readonly doc_count: number;
}

/** A single-value metric (max, min, avg, sum, cardinality...): null where no document had the field. */
export interface MetricValue {
  readonly value: number | null;
}

/** A top_hits result: the newest document's source, or its requested fields. */
export interface TopHits<TDocument> {
  readonly hits: {
    readonly hits: ReadonlyArray<{
      readonly _source?: TDocument;
      readonly fields?: Readonly<Record<string, readonly unknown[]>>;
      readonly sort?: readonly unknown[];
    }>;
  };
}

/** Time buckets under `over_time` (a date histogram). */
export interface OverTime<TBucket> {
  readonly over_time: Buckets<TBucket>;
}

/**
 * A panel's time buckets, for all selected instances together (`over_time`) or per instance
 * (`instances` → `over_time`), whichever the request asked for.
 */
export interface SplitOverTime<TBucket> extends Partial<OverTime<TBucket>> {
  readonly instances?: Buckets<Bucket & OverTime<TBucket>>;
}

/** A terms aggregation: its buckets, and how many documents fell in terms beyond its size. */
export interface TermsBuckets<TBucket> extends Buckets<TBucket> {
  readonly sum_other_doc_count: number;
}
