import { Position } from '@elastic/charts';
import { BOTTOM_LEGEND_MAX_SERIES, legendLayout } from './legend_layout';

describe('legendLayout', () => {
  it('keeps a few series under the chart', () => {
    expect(legendLayout(['p50', 'p95', 'p99', 'max'])).toEqual({ position: Position.Bottom });
  });

  it('moves lines by instance to the right, wide enough for their names', () => {
    const names = Array.from(
      { length: BOTTOM_LEGEND_MAX_SERIES + 1 },
      (_, i) => `Allocated · demo-orders-${i}`
    );
    const layout = legendLayout(names);
    expect(layout.position).toBe(Position.Right);
    expect(layout.size).toBeGreaterThanOrEqual(names[0]!.length * 7);
    expect(layout.size).toBeLessThanOrEqual(320);
  });
});
