import { sizeClassAxisLabels } from './size_class_labels';

describe('sizeClassAxisLabels', () => {
  it('names every class when they fit', () => {
    expect([...sizeClassAxisLabels([32, 8, 16], 18)]).toEqual([8, 16, 32]);
  });

  it('names every k-th of 61 classes, the smallest first, and no more than fit', () => {
    const sizes = Array.from({ length: 61 }, (_, i) => (i + 1) * 16);
    const named = [...sizeClassAxisLabels(sizes, 18)];
    expect(named.length).toBeLessThanOrEqual(18);
    expect(named[0]).toBe(16);
    // Every 4th: 16, 80, 144, ...
    expect(named[1]! - named[0]!).toBe(64);
  });

  it('counts a size once however many buckets carry it', () => {
    expect([...sizeClassAxisLabels([8, 8, 8, 16, 16], 1)]).toEqual([8]);
  });
});
