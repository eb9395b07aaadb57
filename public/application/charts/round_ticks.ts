import { formatMeasure, type MeasureUnit } from '../../../common/format_measure';

/**
 * Round ticks for a value axis. Elastic Charts takes a tick count, not tick values, and its
 * linear scale steps in 1, 2 and 5 × 10^k of whatever it plots: a byte axis then reads
 * 47.7 MiB, 95.4 MiB. So an axis plots its values in units of a step chosen here (a power of
 * two for bytes, 1, 2 or 5 × 10^k otherwise), its domain spans whole steps, and its tick
 * formatter multiplies back: the ticks fall on 32, 64, 96 MiB.
 */
export interface AxisSteps {
  /** One tick's worth of the unit (e.g. 32 MiB in bytes). */
  readonly step: number;
  /** Domain in steps: whole numbers, `min` ≤ 0 ≤ `max`, `max` > `min`. */
  readonly min: number;
  readonly max: number;
}

/** At most this many intervals between ticks: a 240 px panel has room for five or six labels. */
export const MAX_TICK_INTERVALS = 5;

const BINARY_UNITS: ReadonlySet<MeasureUnit> = new Set([
  'bytes',
  'bytes_per_second',
  'bytes_per_hour',
]);

function candidateSteps(unit: MeasureUnit, span: number): number[] {
  const rough = span / MAX_TICK_INTERVALS;
  if (BINARY_UNITS.has(unit) && rough >= 1) {
    const power = 2 ** Math.floor(Math.log2(rough));
    return [power, power * 2, power * 4];
  }
  const decade = 10 ** Math.floor(Math.log10(rough));
  return [1, 2, 5, 10, 20].map((m) => m * decade);
}

/**
 * The smallest round step that spans the values in at most MAX_TICK_INTERVALS intervals, zero
 * included (a quantity's axis starts at zero, as Kibana's line charts do by default).
 * `headroom` stretches the top: 3 keeps bars in the lowest third of the panel.
 */
export function axisSteps(
  values: ReadonlyArray<number | null>,
  unit: MeasureUnit,
  headroom = 1
): AxisSteps {
  let low = 0;
  let high = 0;
  for (const value of values)
    if (value !== null && Number.isFinite(value)) {
      low = Math.min(low, value);
      high = Math.max(high, value);
    }
  high *= headroom;
  if (high === low) high = unit === 'fraction' ? 0.01 : 1;
  const span = high - low;
  // Exact multiples only: 0.1 + 0.2 style noise must not add a step.
  const steps = (value: number, step: number, round: (x: number) => number) =>
    round(Number((value / step).toPrecision(12)));
  for (const step of candidateSteps(unit, span)) {
    const min = steps(low, step, Math.floor);
    const max = steps(high, step, Math.ceil);
    if (max - min <= MAX_TICK_INTERVALS) return { step, min: min === 0 ? 0 : min, max };
  }
  // Unreachable for finite values: the last candidate is at least span / 2.5 wide.
  const step = candidateSteps(unit, span).at(-1)!;
  return { step, min: Math.floor(low / step), max: Math.ceil(high / step) };
}

/**
 * A tick's label: the value in its unit, compact, without the trailing zeros a tooltip keeps
 * for alignment (32 MiB, not 32.00 MiB; 0.2 ms, not 0.20 ms).
 */
export function formatTick(value: number, unit: MeasureUnit): string {
  return formatMeasure(value, unit, { compact: true }).replace(
    /(\d)\.(\d*?)0+(?!\d)/,
    (_, whole: string, kept: string) => (kept === '' ? whole : `${whole}.${kept}`)
  );
}
