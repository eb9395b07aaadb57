import { PANEL_IDS } from '../../../common/panels';
import { ALLOCATION_RATE_METRICS } from '../../../server/queries/allocation_rate_query';
import { GC_CYCLES_METRICS } from '../../../server/queries/gc_cycles_query';
import { GOROUTINES_METRICS } from '../../../server/queries/goroutines_query';
import { HEAP_METRICS } from '../../../server/queries/heap_query';
import { MCACHE_MSPAN_METRICS } from '../../../server/queries/mcache_mspan_query';
import { STACK_OTHER_METRICS } from '../../../server/queries/stack_other_query';
import { PANELS } from './index';

describe('panel declarations', () => {
  it('declare every panel once', () => {
    expect(PANELS.map((p) => p.id).sort()).toEqual([...PANEL_IDS].sort());
  });

  it.each([
    ['heap', HEAP_METRICS],
    ['gc_cycles', GC_CYCLES_METRICS],
    ['mcache_mspan', MCACHE_MSPAN_METRICS],
    ['stack_other', STACK_OTHER_METRICS],
    ['allocation_rate', ALLOCATION_RATE_METRICS],
    ['goroutines', GOROUTINES_METRICS],
  ])('%s charts exactly the metrics its query returns', (id, metrics) => {
    const panel = PANELS.find((p) => p.id === id)!;
    expect(panel.series.map((s) => s.metric)).toEqual(metrics.map((m) => m.metric));
  });
});
