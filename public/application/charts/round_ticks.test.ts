import { MAX_TICK_INTERVALS, axisSteps, formatTick } from './round_ticks';

const MiB = 1024 * 1024;
const ticksOf = (values: number[], unit: Parameters<typeof axisSteps>[1], headroom?: number) => {
  const { step, min, max } = axisSteps(values, unit, headroom);
  return Array.from({ length: max - min + 1 }, (_, i) => formatTick((min + i) * step, unit));
};

describe('axisSteps', () => {
  it('puts byte ticks on round binary values, not 47.7 MiB', () => {
    expect(ticksOf([12 * MiB, 100 * MiB], 'bytes')).toEqual([
      '0 B',
      '32 MiB',
      '64 MiB',
      '96 MiB',
      '128 MiB',
    ]);
  });

  it('steps byte rates in powers of two too', () => {
    const { step } = axisSteps([3 * 1024 * MiB], 'bytes_per_second');
    expect(Math.log2(step) % 1).toBe(0);
  });

  it('steps other units in 1, 2 and 5 × 10^k', () => {
    expect(axisSteps([0, 730_000], 'nanos')).toEqual({ step: 200_000, min: 0, max: 4 });
    expect(axisSteps([0.0042], 'fraction')).toEqual({ step: 0.001, min: 0, max: 5 });
    expect(axisSteps([17], 'count')).toEqual({ step: 5, min: 0, max: 4 });
  });

  it('never has more than five intervals, and includes zero', () => {
    for (const high of [1, 3, 7, 99, 1001, 4.9e9, 123 * MiB])
      for (const unit of ['bytes', 'count', 'nanos'] as const) {
        const { step, min, max } = axisSteps([high / 3, high], unit);
        expect(max - min).toBeLessThanOrEqual(MAX_TICK_INTERVALS);
        expect(max * step).toBeGreaterThanOrEqual(high);
        expect(min).toBe(0);
      }
  });

  it('spans negative values below zero', () => {
    const { step, min, max } = axisSteps([-30, 40], 'count');
    expect(min * step).toBeLessThanOrEqual(-30);
    expect(max * step).toBeGreaterThanOrEqual(40);
  });

  it('keeps bars in the lowest third with a headroom of 3', () => {
    const { step, max } = axisSteps([0, 12], 'count', 3);
    expect(max * step).toBeGreaterThanOrEqual(36);
  });

  it('gives an axis without values (or all zero) a unit domain', () => {
    expect(axisSteps([null, null], 'count')).toEqual({ step: 0.2, min: 0, max: 5 });
    expect(axisSteps([0], 'bytes').max).toBeGreaterThan(0);
  });
});

describe('formatTick', () => {
  it('drops trailing zeros only', () => {
    expect(formatTick(200_000, 'nanos')).toBe('200 µs');
    expect(formatTick(1.5 * 1024 * MiB, 'bytes')).toBe('1.5 GiB');
    expect(formatTick(100, 'count')).toBe('100');
    expect(formatTick(0.002, 'fraction')).toBe('0.2 %');
    expect(formatTick(1_500_000, 'per_second')).toMatch(/^1\.5 M/);
  });
});
