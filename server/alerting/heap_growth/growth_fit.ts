/**
 * Is the live heap growing? Fitted on the after-GC low points, never on the raw samples: a
 * healthy sawtooth's peaks and troughs alternate around a flat line, and a fit over raw
 * samples would mostly measure where in the sawtooth the scrapes fell.
 */
export interface LowPoint {
  readonly atMs: number;
  readonly bytes: number;
}

export interface LineFit {
  /** Bytes per hour. */
  readonly slope: number;
  /** Fitted bytes at the last point's time. */
  readonly fittedNow: number;
  /** Coefficient of determination, 0..1 (1 when all points lie on the line). */
  readonly r2: number;
  /** Standard error of the slope, bytes per hour (0 with fewer than three points). */
  readonly slopeError: number;
}

export type GrowthVerdict =
  | {
      readonly growing: true;
      readonly fit: LineFit;
      readonly recentSlope: number;
      readonly hoursToLimit?: number;
    }
  | {
      readonly growing: false;
      readonly why:
        | 'too_few_points'
        | 'too_short'
        | 'slope_below_minimum'
        | 'levelled_off'
        | 'poor_fit';
      readonly fit?: LineFit;
      readonly recentSlope?: number;
    };

const HOUR_MS = 3_600_000;
/** Below this many low points a slope is noise. */
export const MIN_POINTS = 6;
/** Points the newer half of the window needs for its own slope and error. */
const MIN_RECENT_POINTS = 4;
/** The points must cover at least this share of the rule's window. */
const MIN_COVERAGE = 0.5;
/** A line that explains less of the variance than this is not a trend. */
export const MIN_R2 = 0.6;

export function fitLine(points: readonly LowPoint[]): LineFit {
  const n = points.length;
  const t0 = points[0]!.atMs;
  let sx = 0;
  let sy = 0;
  for (const p of points) {
    sx += (p.atMs - t0) / HOUR_MS;
    sy += p.bytes;
  }
  const mx = sx / n;
  const my = sy / n;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (const p of points) {
    const dx = (p.atMs - t0) / HOUR_MS - mx;
    const dy = p.bytes - my;
    sxx += dx * dx;
    sxy += dx * dy;
    syy += dy * dy;
  }
  const slope = sxx === 0 ? 0 : sxy / sxx;
  const intercept = my - slope * mx;
  const r2 = syy === 0 ? 1 : sxx === 0 ? 0 : (sxy * sxy) / (sxx * syy);
  const lastX = (points[n - 1]!.atMs - t0) / HOUR_MS;
  const residual = Math.max(0, syy - slope * sxy);
  const slopeError = n < 3 || sxx === 0 ? 0 : Math.sqrt(residual / (n - 2) / sxx);
  return { slope, fittedNow: intercept + slope * lastX, r2, slopeError };
}

/**
 * Growing means: the line through the low points rises faster than `minGrowthBytesPerHour`
 * and explains them (r² ≥ MIN_R2), and the newer half of the window still rises that fast,
 * by more than twice its slope's standard error. The recent half is what tells a leak from a
 * cache that warms up and levels off: the cache's whole-window slope is steep, its recent
 * slope is flat; the standard error keeps a noisy flat half from passing for a rise.
 */
export function judgeGrowth(
  points: readonly LowPoint[],
  windowMs: number,
  minGrowthBytesPerHour: number,
  memoryLimitBytes?: number
): GrowthVerdict {
  if (points.length < MIN_POINTS) return { growing: false, why: 'too_few_points' };
  const span = points[points.length - 1]!.atMs - points[0]!.atMs;
  if (span < windowMs * MIN_COVERAGE) return { growing: false, why: 'too_short' };
  const fit = fitLine(points);
  if (fit.slope < minGrowthBytesPerHour) return { growing: false, why: 'slope_below_minimum', fit };
  const middle = points[0]!.atMs + span / 2;
  const recent = points.filter((p) => p.atMs >= middle);
  // Without enough recent points there is no telling a leak from a cache that has levelled off.
  if (recent.length < MIN_RECENT_POINTS) return { growing: false, why: 'too_few_points', fit };
  const recentFit = fitLine(recent);
  const recentSlope = recentFit.slope;
  if (recentSlope < minGrowthBytesPerHour || recentSlope - 2 * recentFit.slopeError <= 0) {
    return { growing: false, why: 'levelled_off', fit, recentSlope };
  }
  if (fit.r2 < MIN_R2) return { growing: false, why: 'poor_fit', fit, recentSlope };
  const hoursToLimit =
    memoryLimitBytes === undefined
      ? undefined
      : memoryLimitBytes <= fit.fittedNow
      ? 0
      : (memoryLimitBytes - fit.fittedNow) / fit.slope;
  return {
    growing: true,
    fit,
    recentSlope,
    ...(hoursToLimit === undefined ? {} : { hoursToLimit }),
  };
}
