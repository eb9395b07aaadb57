/**
 * Which size classes the heatmap's y axis names. Go has up to 68 classes; at the panel's height
 * a label per row overlaps the next one into an unreadable column, so every k-th class of those
 * shown is named (the smallest always), enough to read the scale off the axis. The tooltip names
 * every cell's class whatever the axis shows.
 */
export function sizeClassAxisLabels(sizes: readonly number[], maxLabels: number): Set<number> {
  const sorted = [...new Set(sizes)].sort((a, b) => a - b);
  const every = Math.max(1, Math.ceil(sorted.length / Math.max(1, maxLabels)));
  return new Set(sorted.filter((_, i) => i % every === 0));
}

/** The heatmap is 280 px high; a 10 px label needs about 12 px of the plot's height. */
export const SIZE_CLASS_MAX_LABELS = 18;
