import { DEFAULT_SEARCH_MAX_BUCKETS, TARGET_BUCKETS, coarserPlan, planBuckets } from './bucketing';

const HOUR = 3_600_000;

describe('planBuckets', () => {
  it.each([
    ['15 min', 15 * 60_000],
    ['1 h', HOUR],
    ['24 h', 24 * HOUR],
    ['7 d', 7 * 24 * HOUR],
    ['90 d', 90 * 24 * HOUR],
    ['3 years', 3 * 365 * 24 * HOUR],
  ])('keeps %s at or under the target points per line', (_label, span) => {
    const plan = planBuckets({ fromMs: 0, toMs: span, periodMs: 10_000 });
    expect(span / plan.bucketMs).toBeLessThanOrEqual(TARGET_BUCKETS);
    expect(plan.bucketMs).toBeGreaterThanOrEqual(20_000);
  });

  it('never plans a bucket narrower than two scrape periods', () => {
    expect(planBuckets({ fromMs: 0, toMs: 5 * 60_000, periodMs: 60_000 }).bucketMs).toBe(120_000);
  });

  it('fits lines × buckets under half of search.max_buckets', () => {
    for (const searchMaxBuckets of [DEFAULT_SEARCH_MAX_BUCKETS, 10_000, 500]) {
      const plan = planBuckets({ fromMs: 0, toMs: 24 * HOUR, periodMs: 10_000, searchMaxBuckets });
      expect(plan.maxLines * (plan.buckets + 1)).toBeLessThanOrEqual(searchMaxBuckets / 2);
      expect(plan.maxLines).toBeGreaterThanOrEqual(1);
    }
  });

  it('plans fewer, round buckets for a costlier chart, never narrower than the plan', () => {
    const range = { fromMs: 0, toMs: 24 * HOUR };
    const plan = planBuckets({ ...range, periodMs: 10_000 });
    const coarse = coarserPlan(plan, range, 60);
    expect(coarse.bucketMs).toBe(30 * 60_000);
    expect(range.toMs / coarse.bucketMs).toBeLessThanOrEqual(60);
    expect(coarse.maxLines).toBe(plan.maxLines);
    // Already coarse enough (a short range at its period floor): the plan itself.
    const short = planBuckets({ fromMs: 0, toMs: HOUR, periodMs: 300_000 });
    expect(coarserPlan(short, { fromMs: 0, toMs: HOUR }, 60)).toBe(short);
    // A floor that is no round width stays the floor.
    const odd = planBuckets({ fromMs: 0, toMs: 24 * HOUR, periodMs: 350_000 });
    expect(coarserPlan(odd, range, 200).bucketMs).toBeGreaterThanOrEqual(odd.bucketMs);
  });
});
