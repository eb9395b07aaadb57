import { judgeGrowth, fitLine, type LowPoint } from './growth_fit';
import { lowPointBucketMs, wholeBuckets } from '../queries/rule_heap_low_points_query';

const MB = 1024 * 1024;
const MINUTE = 60_000;

/**
 * A scraped sawtooth: heap climbs at `allocPerSec` from the live heap to twice it (GOGC=100),
 * then a GC drops it back to what is live; scrapes every 10 s sample it wherever it is.
 * Returns the per-bucket minima over whole buckets, as the low-points query would.
 */
function scrapedLowPoints(
  live: (tMs: number) => number,
  opts: { minutes: number; allocPerSec: number; seed?: number }
): LowPoint[] {
  let heap = live(0);
  let seed = opts.seed ?? 7;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const samples: LowPoint[] = [];
  let gcs = 0;
  const windowMs = opts.minutes * MINUTE;
  for (let t = 0; t <= windowMs; t += 1_000) {
    heap += opts.allocPerSec * (0.5 + random());
    if (heap >= 2 * live(t)) {
      heap = live(t);
      gcs++;
    }
    if (t % 10_000 === 0) samples.push({ atMs: t, bytes: heap });
  }
  const width = lowPointBucketMs(windowMs, windowMs / Math.max(gcs, 1), 10_000);
  const minima = new Map<number, number>();
  for (const s of samples) {
    const key = Math.floor(s.atMs / width) * width;
    minima.set(key, Math.min(minima.get(key) ?? Infinity, s.bytes));
  }
  return wholeBuckets(
    [...minima.entries()].map(([atMs, bytes]) => ({ atMs, bytes })),
    width,
    0,
    windowMs
  );
}

/** `count` low points on an exact line over `minutes`, with a little noise so the fit has an error. */
function line(minutes: number, count: number, start: number, perHour: number): LowPoint[] {
  return Array.from({ length: count }, (_, i) => {
    const atMs = (i * minutes * MINUTE) / (count - 1);
    return { atMs, bytes: start + (perHour * atMs) / 3_600_000 + (i % 2) * 0.1 * MB };
  });
}

describe('judgeGrowth', () => {
  const window = 60 * MINUTE;

  it('fires on a leak: the live heap grows 60 MB/h under a sawtooth', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const live = (t: number) => 50 * MB + (60 * MB * t) / 3_600_000;
      const verdict = judgeGrowth(
        scrapedLowPoints(live, { minutes: 60, allocPerSec: 4 * MB, seed }),
        window,
        20 * MB
      );
      expect(verdict.growing).toBe(true);
    }
    const points = scrapedLowPoints((t) => 50 * MB + (60 * MB * t) / 3_600_000, {
      minutes: 60,
      allocPerSec: 4 * MB,
    });
    const verdict = judgeGrowth(points, window, 20 * MB, 1024 * MB);
    expect(verdict.growing).toBe(true);
    if (!verdict.growing) return;
    expect(verdict.fit.slope / MB).toBeGreaterThan(40);
    expect(verdict.fit.slope / MB).toBeLessThan(80);
    expect(verdict.hoursToLimit).toBeGreaterThan(10);
  });

  it('stays quiet on a healthy sawtooth: the live heap is flat', () => {
    for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
      const points = scrapedLowPoints(() => (seed % 2 === 0 ? 250 : 80) * MB, {
        minutes: 60,
        allocPerSec: 6 * MB,
        seed,
      });
      const verdict = judgeGrowth(points, window, 20 * MB);
      expect(verdict.growing).toBe(false);
    }
  });

  it('stays quiet on a cache that warms up and levels off', () => {
    // Fills 200 MB with a 6-minute time constant: steep early, flat by the second half.
    const cache = (t: number) => 50 * MB + 200 * MB * (1 - Math.exp(-t / (6 * MINUTE)));
    for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
      expect(
        judgeGrowth(
          scrapedLowPoints(cache, { minutes: 60, allocPerSec: 4 * MB, seed }),
          window,
          20 * MB
        ).growing
      ).toBe(false);
    }
    const points = scrapedLowPoints(cache, { minutes: 60, allocPerSec: 4 * MB });
    const verdict = judgeGrowth(points, window, 20 * MB);
    expect(verdict.growing).toBe(false);
    if (verdict.growing) return;
    // The whole window's slope alone would have fired.
    expect(verdict.fit!.slope).toBeGreaterThan(20 * MB);
  });

  it('needs enough points over enough of the window', () => {
    const points = line(10, 8, 50 * MB, 600 * MB);
    expect(judgeGrowth(points.slice(0, 4), window, 1 * MB)).toMatchObject({
      growing: false,
      why: 'too_few_points',
    });
    expect(judgeGrowth(points, window, 1 * MB)).toMatchObject({ growing: false, why: 'too_short' });
  });

  it('projects zero hours when the limit is already passed', () => {
    const points = line(60, 20, 500 * MB, 600 * MB);
    const verdict = judgeGrowth(points, window, 20 * MB, 100 * MB);
    expect(verdict).toMatchObject({ growing: true, hoursToLimit: 0 });
  });
});

describe('fitLine', () => {
  it('recovers slope and r² = 1 from exact points', () => {
    const fit = fitLine([0, 1, 2, 3].map((h) => ({ atMs: h * 3_600_000, bytes: 10 + 5 * h })));
    expect(fit.slope).toBeCloseTo(5);
    expect(fit.fittedNow).toBeCloseTo(25);
    expect(fit.r2).toBeCloseTo(1);
  });
});
