import { Position } from '@elastic/charts';

/** Up to this many series, the legend fits in a row or two under the chart. */
export const BOTTOM_LEGEND_MAX_SERIES = 4;
const MIN_RIGHT_WIDTH = 160;
const MAX_RIGHT_WIDTH = 320;
/** About the width of a legend character at EUI's small size, and the swatch and padding. */
const CHAR_PX = 7;
const SWATCH_PX = 40;

/**
 * Where a chart's legend goes and how big it is (Elastic Charts' `legendPosition` and
 * `legendSize`). Lines split by instance outgrow a bottom legend, which Elastic Charts cuts at a
 * share of the chart's height: they go on the right, as wide as their longest name allows, and
 * the legend scrolls there.
 */
export function legendLayout(names: readonly string[]): { position: Position; size?: number } {
  if (names.length <= BOTTOM_LEGEND_MAX_SERIES) return { position: Position.Bottom };
  const longest = Math.max(0, ...names.map((name) => name.length));
  const size = Math.min(MAX_RIGHT_WIDTH, Math.max(MIN_RIGHT_WIDTH, longest * CHAR_PX + SWATCH_PX));
  return { position: Position.Right, size };
}
