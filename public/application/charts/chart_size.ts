/** The height of a dashboard's time chart, and what its panel reserves before data. */
export const CHART_HEIGHT = 240;
/** The size-class heatmap: taller, for its size labels and colour legend. */
export const HEATMAP_HEIGHT = 280;
