import { i18n } from '@kbn/i18n';
import type { PanelDefinition } from './panel_definition';

export const gcCyclesPanel: PanelDefinition = {
  id: 'gc_cycles',
  title: i18n.translate('goRuntime.panels.gcCycles.title', { defaultMessage: 'GC cycles' }),
  info: i18n.translate('goRuntime.panels.gcCycles.info', {
    defaultMessage:
      'GC cycles per second (NumGC deltas between scrapes of one process) and GCCPUFraction, the share of CPU the GC used since the process started.',
  }),
  axes: [
    {
      id: 'cycles',
      unit: 'per_second',
      position: 'left',
      title: i18n.translate('goRuntime.panels.gcCycles.cyclesAxis', {
        defaultMessage: 'GC cycles/s',
      }),
    },
    {
      id: 'cpu',
      unit: 'fraction',
      position: 'right',
      title: i18n.translate('goRuntime.panels.gcCycles.cpuAxis', {
        defaultMessage: 'GC CPU fraction',
      }),
    },
  ],
  chart: 'lines',
  ruleMetric: 'golang.heap.gc.cpu_fraction',
  series: [
    {
      metric: 'cycles_per_second',
      label: i18n.translate('goRuntime.panels.gcCycles.perSecond', {
        defaultMessage: 'GC cycles/s',
      }),
    },
    {
      metric: 'cpu_fraction',
      label: i18n.translate('goRuntime.panels.gcCycles.cpuFraction', {
        defaultMessage: 'GC CPU fraction',
      }),
      axis: 'cpu',
    },
  ],
};
