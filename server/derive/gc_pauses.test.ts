import { isRight } from 'fp-ts/Either';
import { GcCursor } from './gc_cursor';
import { deriveGcPauses, type GcSample } from './gc_pauses';

/** A ring where GC number k (1-based) paused k * 1000 ns, as Go would have stored it. */
function ring(numGc: number): number[] {
  const pauses = new Array<number>(256).fill(0);
  for (let k = Math.max(1, numGc - 255); k <= numGc; k++) pauses[(k - 1) % 256] = k * 1000;
  return pauses;
}
/** When GC number k of a process started at `bootNs` ended (Unix ns, beyond 2^53 as Go's are). */
const endOf = (k: number, bootNs: bigint) => (bootNs + BigInt(k) * 1_000_000_000n).toString();
const BOOT = 1_796_000_000_000_000_000n;
/** PauseEnd as Go leaves it: GC number k (1-based) at (k - 1) % 256, zeros for GCs not run yet. */
function endRing(numGc: number, bootNs: bigint): string[] {
  const ends = new Array<string>(256).fill('0');
  for (let k = Math.max(1, numGc - 255); k <= numGc; k++) ends[(k - 1) % 256] = endOf(k, bootNs);
  return ends;
}
function sample(numGc: number, overrides: Partial<GcSample> = {}, bootNs: bigint = BOOT): GcSample {
  return {
    numGc,
    pauseTotalNs: numGc * 1000,
    totalAlloc: 1_000_000 + numGc,
    mallocs: 5_000 + numGc,
    frees: 4_000 + numGc,
    lastGc: numGc === 0 ? 0 : BigInt(endOf(numGc, bootNs)),
    pauseNs: ring(numGc),
    pauseEnd: endRing(numGc, bootNs),
    cmdline: 'abc',
    scrapedAt: 100_000,
    ...overrides,
  };
}
function cursorAt(numGc: number, overrides: Partial<GcCursor> = {}): GcCursor {
  return {
    ...deriveGcPauses(sample(numGc, { scrapedAt: 90_000 }), undefined).cursor,
    ...overrides,
  };
}
const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => (from + i) * 1000);

describe('deriveGcPauses', () => {
  it('reads the 10 pauses since the previous scrape, in order, exactly', () => {
    const derived = deriveGcPauses(sample(13), cursorAt(3));
    expect(derived.change).toBe('continued');
    expect(derived.pauses).toEqual(range(4, 13));
    expect(derived).toMatchObject({ missed: 0, sumNs: 85_000, maxNs: 13_000, avgNs: 8_500 });
  });

  it('reads across the ring boundary', () => {
    expect(deriveGcPauses(sample(260), cursorAt(250)).pauses).toEqual(range(251, 260));
  });

  it('counts the GCs that left the ring: 300 GCs between scrapes read 256, miss 44', () => {
    const derived = deriveGcPauses(sample(310), cursorAt(10));
    expect(derived.pauses).toEqual(range(55, 310));
    expect(derived.missed).toBe(44);
  });

  it('reads what the ring holds of a process on its first scrape', () => {
    expect(deriveGcPauses(sample(3), undefined)).toMatchObject({
      change: 'first_scrape',
      pauses: range(1, 3),
      missed: 0,
    });
    expect(deriveGcPauses(sample(1000), undefined)).toMatchObject({
      pauses: range(745, 1000),
      missed: 744,
    });
  });

  it('has no average without a pause, rather than a 0 or a NaN', () => {
    const derived = deriveGcPauses(sample(7), cursorAt(7));
    expect(derived).toMatchObject({ pauses: [], missed: 0, sumNs: 0, maxNs: 0 });
    expect(derived.avgNs).toBeUndefined();
  });

  it('averages as a float, not by integer division', () => {
    const pauseNs = ring(2);
    pauseNs[0] = 1;
    pauseNs[1] = 2;
    expect(deriveGcPauses(sample(2, { pauseNs }), cursorAt(0)).avgNs).toBe(1.5);
  });

  it.each([
    ['NumGC goes back', sample(5), 'NumGC went back from 100 to 5'],
    [
      'TotalAlloc goes back (a restart that already ran more GCs)',
      sample(120, { totalAlloc: 10 }),
      'TotalAlloc went back',
    ],
    ['the command line changes', sample(120, { cmdline: 'other' }), 'the command line changed'],
    ['Frees goes back', sample(120, { frees: 3 }), 'Frees went back'],
    [
      'another process has run more GCs and allocated more: its GC 100 ended at another time',
      sample(150, {}, BOOT + 60_000_000_000n),
      'GC 100 ended at another time than the previous scrape saw',
    ],
    [
      'another process ran exactly as many GCs',
      sample(100, {}, BOOT + 60_000_000_000n),
      'GC 100 ended at another time than the previous scrape saw',
    ],
    [
      'LastGC goes back (a new process that has not run a GC yet)',
      sample(120, { lastGc: 0 }),
      'LastGC went back',
    ],
  ])('detects a restart when %s, and carries on from the new process', (_name, now, reason) => {
    const derived = deriveGcPauses(now, cursorAt(100));
    expect(derived.change).toBe('restarted');
    expect(derived.restartReason).toBe(reason);
    expect(derived.pauses).toEqual(range(Math.max(1, now.numGc - 255), now.numGc));
    expect(derived.rates).toBeUndefined();
    expect(derived.cursor.num_gc).toBe(now.numGc);
  });

  it('continues one process whatever ran between scrapes, and skips the end-time check past a ring wrap', () => {
    expect(deriveGcPauses(sample(100), cursorAt(100)).change).toBe('continued');
    expect(deriveGcPauses(sample(355), cursorAt(100)).change).toBe('continued');
    // 256 GCs later the slot of GC 100 holds GC 356: not comparable, not a restart.
    expect(deriveGcPauses(sample(356), cursorAt(100)).change).toBe('continued');
  });

  it('cannot tell two processes apart that never ran a GC and whose counters line up', () => {
    // expvar publishes no start time: documented as a limit of restart detection.
    expect(deriveGcPauses(sample(0, { totalAlloc: 2_000_000 }), cursorAt(0)).change).toBe(
      'continued'
    );
  });

  it('computes allocation rates and GC cycles over the time between scrapes', () => {
    const derived = deriveGcPauses(
      sample(13, { totalAlloc: 1_000_003 + 20_000, mallocs: 5_003 + 400, scrapedAt: 100_000 }),
      cursorAt(3)
    );
    // 10 s between scrapes.
    expect(derived.rates).toEqual({
      allocatedBytesPerSecond: 2_000,
      allocatedObjectsPerSecond: 40,
      gcCycles: 10,
    });
  });

  it('keeps counters beyond 2^53 exact in the cursor', () => {
    const derived = deriveGcPauses(sample(1, { totalAlloc: 9_007_199_254_740_993n }), undefined);
    expect(derived.cursor.total_alloc).toBe('9007199254740993');
  });

  it('returns at once for the largest NumGC Go can report (uint32), where a float loop never ended', () => {
    const started = performance.now();
    const derived = deriveGcPauses(sample(4_294_967_295), undefined);
    expect(performance.now() - started).toBeLessThan(50);
    expect(derived).toMatchObject({ missed: 4_294_967_295 - 256 });
    expect(derived.pauses).toHaveLength(256);
    expect(isRight(GcCursor.decode(derived.cursor))).toBe(true);
  });

  it('never writes a counter the next run cannot read back with BigInt', () => {
    // The memstats codec refuses 1.5 and 1e30; should a double slip through, the cursor stays readable.
    const derived = deriveGcPauses(sample(3, { totalAlloc: 1.5, mallocs: 1e30 }), undefined);
    expect(isRight(GcCursor.decode(derived.cursor))).toBe(true);
    expect(() => deriveGcPauses(sample(4), derived.cursor)).not.toThrow();
  });
});

describe('GcCursor', () => {
  const valid = cursorAt(3);
  it.each([
    ['total_alloc "1.5"', { total_alloc: '1.5' }],
    ['total_alloc "1e+30"', { total_alloc: '1e+30' }],
    ['mallocs "-1"', { mallocs: '-1' }],
    ['pause_total_ns 2^64', { pause_total_ns: '18446744073709551616' }],
    ['num_gc null (a 400-digit NumGC stored as Infinity)', { num_gc: null }],
    ['num_gc 1e17', { num_gc: 1e17 }],
    ['num_gc 1.5', { num_gc: 1.5 }],
    ['no frees', { frees: undefined }],
    ['no last_gc', { last_gc: undefined }],
  ])('rejects a cursor with %s', (_name, patch) => {
    expect(isRight(GcCursor.decode({ ...valid, ...patch }))).toBe(false);
  });

  it('accepts what derivation writes, also after a JSON round trip', () => {
    expect(GcCursor.decode(JSON.parse(JSON.stringify(valid)))).toEqual({
      _tag: 'Right',
      right: valid,
    });
  });
});
