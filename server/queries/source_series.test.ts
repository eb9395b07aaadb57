import { combinePauseLines } from './gc_pauses_external';
import { counterRate, sumPoints, weightedMeanPoints, type Point } from './source_series';

describe('counterRate', () => {
  it('is the increase over the seconds between non-empty buckets, on the later bucket', () => {
    const ends: Point[] = [
      [0, 100],
      [10_000, 150],
      [20_000, null],
      [30_000, 250],
    ];
    expect(counterRate(ends)).toEqual([
      [0, null],
      [10_000, 5],
      [20_000, null],
      [30_000, 5],
    ]);
  });

  it('never goes negative across a restart: the bucket after it has no rate, the next counts from the new value', () => {
    const ends: Point[] = [
      [0, 1_000],
      [10_000, 1_100],
      [20_000, 30],
      [30_000, 80],
    ];
    expect(counterRate(ends)).toEqual([
      [0, null],
      [10_000, 10],
      [20_000, null],
      [30_000, 5],
    ]);
  });
});

describe('combining sources per bucket', () => {
  it('sums the lines that reported, and is null only where none did', () => {
    expect(
      sumPoints([
        [
          [0, 1],
          [1, null],
          [2, null],
        ],
        [
          [0, 2],
          [1, 5],
          [2, null],
        ],
      ])
    ).toEqual([
      [0, 3],
      [1, 5],
      [2, null],
    ]);
  });

  it('weights each mean by its samples', () => {
    expect(
      weightedMeanPoints([
        { points: [[0, 0.1]], weights: [3] },
        { points: [[0, 0.5]], weights: [1] },
      ])
    ).toEqual([[0, 0.2]]);
    expect(weightedMeanPoints([{ points: [[0, null]], weights: [0] }])).toEqual([[0, null]]);
  });

  it('keeps pause percentiles only where every pause of the bucket has a recorded duration', () => {
    const own = {
      buckets: [
        { at: 0, p50: 10, p95: 20, p99: 30, max: 40, pauses: 4, missed: 1 },
        { at: 1, p50: 10, p95: 20, p99: 30, max: 40, pauses: 4, missed: 0 },
      ],
    };
    const metricbeat = {
      instance: 'a',
      source: 'metricbeat' as const,
      buckets: [
        { at: 0, p50: null, p95: null, p99: null, max: null, pauses: 0, missed: 0 },
        { at: 1, p50: null, p95: null, p99: null, max: 90, pauses: 2, missed: 0 },
      ],
    };
    expect(combinePauseLines([own, metricbeat])).toEqual([
      {
        buckets: [
          { at: 0, p50: 10, p95: 20, p99: 30, max: 40, pauses: 4, missed: 1 },
          { at: 1, p50: null, p95: null, p99: null, max: 90, pauses: 6, missed: 0 },
        ],
      },
    ]);
  });
});
