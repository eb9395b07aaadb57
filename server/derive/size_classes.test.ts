import { sizeClassRows } from './size_classes';

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
    expect(sizeClassRows(bySize, ['0', '80', '50'], 10).map((row) => row.allocation_rate)).toEqual([2, 0]);
  });

  it('gives no rate when the class layout changed or time did not pass', () => {
    expect(sizeClassRows(bySize, ['0', '80'], 10)[0]!.allocation_rate).toBeUndefined();
    expect(sizeClassRows(bySize, ['0', '80', '50'], 0)[0]!.allocation_rate).toBeUndefined();
  });
});
