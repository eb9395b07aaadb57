import {
  DEFAULT_SIZE_CLASS_PERIOD_MS,
  sizeClassCounters,
  sizeClassesDue,
  sizeClassRows,
} from './size_classes';

describe('sizeClassRows', () => {
  const bySize = [
    { Size: 0, Mallocs: 0, Frees: 0 },
    { Size: 8, Mallocs: 100, Frees: 40 },
    { Size: 16, Mallocs: 50, Frees: 50 },
  ];

  it('keeps the classes that allocated, with live objects', () => {
    expect(sizeClassRows(bySize, undefined, undefined)).toEqual([
      { size: 8, live: 60, mallocs: 100, frees: 40 },
      { size: 16, live: 0, mallocs: 50, frees: 50 },
    ]);
  });

  it('adds per-class allocation rates against the previous scrape', () => {
    expect(sizeClassRows(bySize, ['0', '80', '50'], 10).map((row) => row.allocation_rate)).toEqual([
      2, 0,
    ]);
  });

  it('gives no rate when the class layout changed or time did not pass', () => {
    expect(sizeClassRows(bySize, ['0', '80'], 10)[0]!.allocation_rate).toBeUndefined();
    expect(sizeClassRows(bySize, ['0', '80', '50'], 0)[0]!.allocation_rate).toBeUndefined();
  });
});

describe('sizeClassCounters', () => {
  it('keys each class by its size and keeps only the two cumulative counters', () => {
    expect(
      sizeClassCounters([{ size: 8, live: 60, mallocs: 100, frees: 40, allocation_rate: 2 }])
    ).toEqual({ '8': { mallocs: 100, frees: 40 } });
  });
});

describe('sizeClassesDue', () => {
  it('picks exactly one slot in each size-class period for intervals up to the period', () => {
    for (const sizeClassPeriod of [60_000, DEFAULT_SIZE_CLASS_PERIOD_MS]) {
      for (const period of [1_000, 7_000, 10_000, 15_000, 60_000]) {
        const offset = 3_217 % period;
        const slots = Array.from(
          { length: Math.ceil((10 * sizeClassPeriod) / period) },
          (_, i) => 1_800_000_000_000 + offset + i * period
        );
        const perPeriod = new Map<number, number>();
        for (const slot of slots.filter((s) => sizeClassesDue(s, period, true, sizeClassPeriod))) {
          const key = Math.floor(slot / sizeClassPeriod);
          perPeriod.set(key, (perPeriod.get(key) ?? 0) + 1);
        }
        const periods = new Set(slots.map((slot) => Math.floor(slot / sizeClassPeriod)));
        expect([sizeClassPeriod, period, perPeriod.size, [...new Set(perPeriod.values())]]).toEqual(
          [sizeClassPeriod, period, periods.size, [1]]
        );
      }
    }
  });

  it('defaults to every five minutes', () => {
    expect(DEFAULT_SIZE_CLASS_PERIOD_MS).toBe(300_000);
    expect(sizeClassesDue(1_800_000_000_000, 10_000, true)).toBe(true);
    expect(sizeClassesDue(1_800_000_060_000, 10_000, true)).toBe(false);
    expect(sizeClassesDue(1_800_000_060_000, 10_000, true, 60_000)).toBe(true);
  });

  it('always stores them on a first scrape and for intervals beyond the period', () => {
    expect(sizeClassesDue(1_800_000_030_000, 10_000, false)).toBe(true);
    expect(sizeClassesDue(1_800_000_030_000, 10_000, true)).toBe(false);
    expect(sizeClassesDue(1_800_000_030_000, 300_000, true)).toBe(true);
    expect(sizeClassesDue(1_800_000_030_000, 120_000, true, 60_000)).toBe(true);
  });
});
