import fc from 'fast-check';
import { isRight } from 'fp-ts/Either';
import { GcCursor } from '../derive/gc_cursor';
import { PAUSE_RING_LENGTH, MAX_SIZE_CLASSES } from '../parse/expvar_payload';
import { parseExpvar } from '../parse/parse_expvar';
import { goJson } from '../../test/fixtures/payloads/real_shaped_page';
import { benchTarget } from '../../test/bench/bench_target';
import { deriveDocuments } from './scrape_target';

/**
 * Totality of parse + derive, over generated pages and cursors: whatever a target serves and
 * whatever a previous run stored (as long as it decodes), the poll loop gets a bounded answer
 * quickly, nothing throws, and the cursor it stores decodes on the next run.
 */
const UINT64_MAX = (1n << 64n) - 1n;
/** Exact integers as Go writes them: a number when safe, else a bigint (a long literal). */
const uint64 = fc.oneof(
  fc.nat(),
  fc
    .bigInt({ min: 0n, max: UINT64_MAX })
    .map((value) => (value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value)),
  fc.constantFrom(0, Number.MAX_SAFE_INTEGER, UINT64_MAX, 1n << 53n)
);
const uint32 = fc.oneof(
  fc.integer({ min: 0, max: 2 ** 32 - 1 }),
  fc.constantFrom(0, 2 ** 32 - 1, 255, 256, 257)
);
const ring = fc.array(uint64, { minLength: PAUSE_RING_LENGTH, maxLength: PAUSE_RING_LENGTH });

const U64_KEYS = [
  'Alloc',
  'TotalAlloc',
  'Sys',
  'Lookups',
  'Mallocs',
  'Frees',
  'HeapAlloc',
  'HeapSys',
  'HeapIdle',
  'HeapInuse',
  'HeapReleased',
  'HeapObjects',
  'StackInuse',
  'StackSys',
  'MSpanInuse',
  'MSpanSys',
  'MCacheInuse',
  'MCacheSys',
  'BuckHashSys',
  'GCSys',
  'OtherSys',
  'NextGC',
  'LastGC',
  'PauseTotalNs',
] as const;

const validMemstats = fc.record({
  ...Object.fromEntries(U64_KEYS.map((key) => [key, uint64])),
  NumGC: uint32,
  NumForcedGC: uint32,
  GCCPUFraction: fc.double({ noNaN: true, noDefaultInfinity: true }),
  PauseNs: ring,
  PauseEnd: ring,
  BySize: fc.array(fc.record({ Size: uint32, Mallocs: uint64, Frees: uint64 }), {
    maxLength: MAX_SIZE_CLASSES,
  }),
}) as fc.Arbitrary<Record<string, unknown>>;

/** Any JSON value, plus the hostile ones of the review: long integers, fractions, exponents. */
const hostileValue = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.integer({ min: 1, max: 400 }).map((digits) => ({ literal: '9'.repeat(digits) })),
  fc.constantFrom(
    { literal: '1.5' },
    { literal: '1e30' },
    { literal: '-1' },
    { literal: '100000000000000000' },
    { literal: '4294967296' }
  ),
  fc.array(fc.integer({ min: -2, max: 2 }), { minLength: 200, maxLength: 300 })
);

/** A page of a valid memstats with some fields replaced by hostile values. */
const hostilePage = fc
  .tuple(
    validMemstats,
    fc.array(
      fc.tuple(
        fc.constantFrom(
          ...U64_KEYS,
          'NumGC',
          'NumForcedGC',
          'GCCPUFraction',
          'PauseNs',
          'PauseEnd',
          'BySize'
        ),
        hostileValue
      ),
      { maxLength: 4 }
    ),
    customVars()
  )
  .map(([memstats, patches, vars]) => {
    const patched: Record<string, unknown> = { ...memstats };
    const literals: string[] = [];
    for (const [key, value] of patches) {
      if (typeof value === 'object' && value !== null && 'literal' in value) {
        patched[key] = `@literal${literals.length}@`;
        literals.push(String(value.literal));
      } else {
        patched[key] = value;
      }
    }
    return goJson({ cmdline: ['./app'], memstats: patched, ...vars }).replace(
      /"@literal(\d+)@"/g,
      (_m, i: string) => literals[Number(i)]!
    );
  });

function customVars() {
  return fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 4 }), { maxKeys: 20 });
}

const decodableCursor = fc.record({
  num_gc: uint32,
  pause_total_ns: uint64.map(String),
  total_alloc: uint64.map(String),
  mallocs: uint64.map(String),
  scraped_at: fc.integer({ min: -(2 ** 40), max: 2 ** 42 }),
  cmdline: fc.option(fc.string({ maxLength: 64 }), { nil: null }),
  frees: uint64.map(String),
  last_gc: uint64.map(String),
});

const target = benchTarget('t1', 'prop', 'prop', 'http://127.0.0.1:1/debug/vars', 50);
const fetched = (text: string) => ({
  status: 200,
  contentType: 'application/json',
  body: Buffer.from(text),
  durationMs: 1,
});

function checkTotal(text: string, cursor: GcCursor | undefined) {
  const started = performance.now();
  const parsed = parseExpvar(fetched(text), target.maxCustomVars);
  if (!isRight(parsed)) {
    expect(parsed.left.message.length).toBeLessThan(1024);
    return;
  }
  const derived = deriveDocuments(
    target,
    7,
    { payload: parsed.right, scrapedAt: new Date(1_800_000_000_000), durationMs: 1 },
    cursor
  );
  expect(performance.now() - started).toBeLessThan(200);
  expect(derived.documents.length).toBeLessThanOrEqual(2);
  // Documents go to Elasticsearch as JSON: no bigint may be left, and the size is bounded.
  expect(JSON.stringify(derived.documents).length).toBeLessThan(200_000);
  expect(derived.gc === undefined || derived.gc.pauses.length <= PAUSE_RING_LENGTH).toBe(true);
  expect(
    (derived.customVars?.metrics.length ?? 0) + Object.keys(derived.customVars?.labels ?? {}).length
  ).toBeLessThanOrEqual(2 * target.maxCustomVars);
  if (derived.gc !== undefined) {
    // What this run stores, the next run reads back, and deriving from it is total too.
    const stored = JSON.parse(JSON.stringify(derived.gc.cursor)) as unknown;
    const decoded = GcCursor.decode(stored);
    expect(isRight(decoded)).toBe(true);
    if (isRight(decoded))
      deriveDocuments(
        target,
        8,
        { payload: parsed.right, scrapedAt: new Date(1_800_000_010_000), durationMs: 1 },
        decoded.right
      );
  }
}

describe('parse + derive are total', () => {
  it('for every valid memstats and every decodable cursor: no throw, bounded output, a readable cursor', () => {
    fc.assert(
      fc.property(
        validMemstats,
        customVars(),
        fc.option(decodableCursor, { nil: undefined }),
        fc.boolean(),
        (memstats, vars, cursor, asGo) => {
          expect(isRight(GcCursor.decode(cursor ?? {})) || cursor === undefined).toBe(true);
          const page = { ...vars, cmdline: ['./app', '-x=1'], memstats };
          // Laid out as Go writes it (the memstats-line path) or compact (the whole-page path).
          const text = asGo
            ? `{\n${Object.entries(page)
                .map(([k, v]) => `${JSON.stringify(k)}: ${goJson(v)}`)
                .join(',\n')}\n}\n`
            : goJson(page);
          const parsed = parseExpvar(fetched(text));
          expect(isRight(parsed)).toBe(true); // the generator writes only what Go's types allow
          checkTotal(text, cursor as GcCursor | undefined);
        }
      ),
      { numRuns: 300 }
    );
  });

  it('for hostile field values: one short error or a total derivation', () => {
    fc.assert(
      fc.property(hostilePage, fc.option(decodableCursor, { nil: undefined }), (text, cursor) =>
        checkTotal(text, cursor as GcCursor | undefined)
      ),
      { numRuns: 500 }
    );
  });

  it('for any JSON text at all', () => {
    fc.assert(
      fc.property(fc.json({ maxDepth: 5 }), (text) => checkTotal(text, undefined)),
      { numRuns: 300 }
    );
  });
});
