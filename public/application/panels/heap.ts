import { i18n } from '@kbn/i18n';
import type { PanelDefinition } from './panel_definition';

export const heapPanel: PanelDefinition = {
  id: 'heap',
  title: i18n.translate('goRuntime.panels.heap.title', { defaultMessage: 'Heap' }),
  info: i18n.translate('goRuntime.panels.heap.info', {
    defaultMessage:
      "runtime.MemStats: HeapAlloc (allocated), HeapInuse, HeapIdle, HeapReleased, Sys (obtained from the OS) and NextGC (the heap size at which the next GC starts). Across instances: the sum of each instance's mean in the bucket.",
  }),
  axes: [
    {
      id: 'bytes',
      unit: 'bytes',
      position: 'left',
      title: i18n.translate('goRuntime.panels.heap.axis', { defaultMessage: 'Memory' }),
    },
  ],
  chart: 'lines',
  ruleMetric: 'golang.heap.allocations.active',
  series: [
    {
      metric: 'allocated',
      label: i18n.translate('goRuntime.panels.heap.allocated', { defaultMessage: 'Allocated' }),
    },
    {
      metric: 'in_use',
      label: i18n.translate('goRuntime.panels.heap.inUse', { defaultMessage: 'In use' }),
    },
    {
      metric: 'idle',
      label: i18n.translate('goRuntime.panels.heap.idle', { defaultMessage: 'Idle' }),
    },
    {
      metric: 'released',
      label: i18n.translate('goRuntime.panels.heap.released', { defaultMessage: 'Released' }),
    },
    {
      metric: 'obtained',
      label: i18n.translate('goRuntime.panels.heap.obtained', {
        defaultMessage: 'Obtained from the OS (Sys)',
      }),
    },
    {
      metric: 'gc_target',
      label: i18n.translate('goRuntime.panels.heap.gcTarget', {
        defaultMessage: 'GC target (NextGC)',
      }),
    },
  ],
};
