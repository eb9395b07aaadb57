import * as t from 'io-ts';

/** A codec for values already in their decoded form, checked by one predicate. */
function checked<A>(name: string, is: (u: unknown) => boolean): t.Type<A, A, unknown> {
  const guard = is as (u: unknown) => u is A;
  return new t.Type<A, A, unknown>(
    name,
    guard,
    (u, c) => (guard(u) ? t.success(u) : t.failure(u, c)),
    t.identity
  );
}

/**
 * A decimal uint64, the way derivation writes counters: digits only, no sign, exponent or
 * fraction, below 2^64. BigInt() of any such string succeeds, which the next run relies on.
 */
export const DecimalUint64 = checked<string>(
  'decimal uint64 string',
  (u) => typeof u === 'string' && /^(0|[1-9][0-9]{0,19})$/.test(u) && BigInt(u) < 1n << 64n
);

/** Go's NumGC is a uint32. */
export const Uint32 = checked<number>(
  'uint32',
  (u) => typeof u === 'number' && Number.isInteger(u) && u >= 0 && u < 2 ** 32
);

/** Epoch milliseconds from Date.getTime(). */
const EpochMs = checked<number>(
  'epoch milliseconds',
  (u) => typeof u === 'number' && Number.isSafeInteger(u)
);

/** A digest of cmdline (16 characters today); bounded so a hand-edited state stays small. */
const Fingerprint = checked<string>(
  'cmdline fingerprint',
  (u) => typeof u === 'string' && u.length <= 64
);

/**
 * What the previous scrape of a target saw, persisted in the collection state store so that it
 * survives task runs and Kibana restarts. Counters are decimal strings: JSON (and so the stored
 * state) cannot carry integers beyond 2^53 exactly. The codec accepts exactly what derivation
 * writes, so a stored cursor always decodes, and derivation from any decodable cursor is total
 * (server/derive/gc_pauses.property.test.ts).
 */
export const GcCursor = t.type({
  num_gc: Uint32,
  pause_total_ns: DecimalUint64,
  total_alloc: DecimalUint64,
  mallocs: DecimalUint64,
  scraped_at: EpochMs,
  cmdline: t.union([Fingerprint, t.null]),
  frees: DecimalUint64,
  /** LastGC: when GC number num_gc ended (Unix ns), which PauseEnd keeps for 256 more GCs. */
  last_gc: DecimalUint64,
});
export type GcCursor = t.TypeOf<typeof GcCursor>;
