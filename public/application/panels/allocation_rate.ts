import { i18n } from '@kbn/i18n';
import type { PanelDefinition } from './panel_definition';

export const allocationRatePanel: PanelDefinition = {
  id: 'allocation_rate',
  title: i18n.translate('goRuntime.panels.allocationRate.title', {
    defaultMessage: 'Allocation rate',
  }),
  info: i18n.translate('goRuntime.panels.allocationRate.info', {
    defaultMessage:
      'Bytes allocated per second (TotalAlloc deltas) and objects per second (Mallocs deltas) between scrapes of one process; a restart yields no rate instead of a negative one. Live objects (Mallocs − Frees) on the right axis.',
  }),
  unit: 'bytes_per_second',
  rightUnit: 'count',
  chart: 'lines',
  ruleMetric: 'golang.heap.allocations.rate.bytes_per_second',
  series: [
    {
      metric: 'bytes_per_second',
      label: i18n.translate('goRuntime.panels.allocationRate.bytes', { defaultMessage: 'Bytes/s' }),
    },
    {
      metric: 'objects_per_second',
      label: i18n.translate('goRuntime.panels.allocationRate.objects', {
        defaultMessage: 'Objects/s',
      }),
      axis: 'right',
    },
    {
      metric: 'live_objects',
      label: i18n.translate('goRuntime.panels.allocationRate.live', {
        defaultMessage: 'Live objects',
      }),
      axis: 'right',
    },
  ],
};
