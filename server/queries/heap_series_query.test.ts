import { chooseBucketMs } from './heap_series_query';

describe('chooseBucketMs', () => {
  it.each([
    [15 * 60_000, 10_000],
    [60 * 60_000, 30_000],
    [24 * 3_600_000, 900_000],
    [1_000, 1_000],
  ])('keeps %d ms under 120 round buckets (%d ms)', (span, bucket) => {
    expect(chooseBucketMs(0, span)).toBe(bucket);
    expect(span / bucket).toBeLessThanOrEqual(120);
  });

  it('never makes a bucket shorter than two scrape periods', () => {
    expect(chooseBucketMs(0, 15 * 60_000, 10_000)).toBe(30_000);
    expect(chooseBucketMs(0, 15 * 60_000, 1_000)).toBe(10_000);
    expect(chooseBucketMs(0, 60_000, 60_000)).toBe(120_000);
  });
});
