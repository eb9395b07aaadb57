import { classifyCustomVar, counterRates } from './counter_rates';

const S = 1000;
const noRestarts = () => [];

describe('counterRates', () => {
  it('turns a running total into a rate per second between points', () => {
    expect(
      counterRates([
        [0, 100],
        [10 * S, 150],
        [20 * S, 250],
      ])
    ).toEqual([
      [0, null],
      [10 * S, 5],
      [20 * S, 10],
    ]);
  });

  it('gives no rate at a counter reset (a restart) instead of a negative one', () => {
    expect(
      counterRates([
        [0, 1000],
        [10 * S, 1100],
        [20 * S, 30],
        [30 * S, 80],
      ])
    ).toEqual([
      [0, null],
      [10 * S, 10],
      [20 * S, null],
      [30 * S, 5],
    ]);
  });

  it('spreads the increase over a gap of no data', () => {
    expect(
      counterRates([
        [0, 0],
        [10 * S, null],
        [20 * S, 40],
      ])
    ).toEqual([
      [0, null],
      [10 * S, null],
      [20 * S, 2],
    ]);
  });
});

describe('classifyCustomVar', () => {
  const line = (instance: string, values: Array<number | null>) => ({
    instance,
    points: values.map((v, i) => [i * 10 * S, v] as const),
  });

  it('calls a var that only rises a counter, charted per second', () => {
    expect(classifyCustomVar('/requests', [line('a', [1, 5, 5, 9])], noRestarts, 10 * S)).toEqual({
      counter: true,
      unit: 'per_second',
    });
  });

  it('counts a drop at a restart of that instance as a reset', () => {
    const restarts = (instance: string) => (instance === 'a' ? [25 * S] : []);
    expect(
      classifyCustomVar('/requests', [line('a', [10, 20, 30, 2, 8])], restarts, 10 * S).counter
    ).toBe(true);
    // The same drop on an instance that did not restart: a gauge.
    expect(
      classifyCustomVar('/requests', [line('b', [10, 20, 30, 2, 8])], restarts, 10 * S).counter
    ).toBe(false);
  });

  it('calls a var that goes down, or never moves, a gauge', () => {
    expect(classifyCustomVar('/queue_depth', [line('a', [3, 7, 2])], noRestarts, S)).toEqual({
      counter: false,
      unit: 'count',
    });
    expect(classifyCustomVar('/limit', [line('a', [4, 4, 4])], noRestarts, S).counter).toBe(false);
  });

  it('puts vars named with bytes in bytes, and byte counters in bytes per second', () => {
    expect(classifyCustomVar('/cache/size_bytes', [line('a', [9, 3])], noRestarts, S).unit).toBe(
      'bytes'
    );
    expect(classifyCustomVar('/sentBytes', [line('a', [1, 2, 4])], noRestarts, S).unit).toBe(
      'bytes_per_second'
    );
  });

  it('needs every instance to rise only', () => {
    expect(
      classifyCustomVar('/x', [line('a', [1, 2, 3]), line('b', [5, 4])], noRestarts, S).counter
    ).toBe(false);
  });
});
