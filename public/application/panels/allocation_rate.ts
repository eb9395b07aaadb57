import { i18n } from '@kbn/i18n';
import type { PanelDefinition } from './panel_definition';

export const allocationRatePanel: PanelDefinition = {
  id: 'allocation_rate',
  title: i18n.translate('goRuntime.panels.allocationRate.title', {
    defaultMessage: 'Allocation rate',
  }),
  info: i18n.translate('goRuntime.panels.allocationRate.info', {
    defaultMessage:
      'Bytes allocated per second (TotalAlloc deltas) and objects per second (Mallocs deltas) between scrapes of one process; a restart yields no rate instead of a negative one. Objects per second and live objects (Mallocs − Frees) on axes of their own on the right.',
  }),
  axes: [
    {
      id: 'bytes',
      unit: 'bytes_per_second',
      position: 'left',
      title: i18n.translate('goRuntime.panels.allocationRate.bytesAxis', {
        defaultMessage: 'Bytes/s',
      }),
    },
    {
      id: 'objects',
      unit: 'per_second',
      position: 'right',
      title: i18n.translate('goRuntime.panels.allocationRate.objectsAxis', {
        defaultMessage: 'Objects/s',
      }),
    },
    {
      id: 'live',
      unit: 'count',
      position: 'right',
      title: i18n.translate('goRuntime.panels.allocationRate.liveAxis', {
        defaultMessage: 'Live objects',
      }),
    },
  ],
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
      axis: 'objects',
    },
    {
      metric: 'live_objects',
      label: i18n.translate('goRuntime.panels.allocationRate.live', {
        defaultMessage: 'Live objects',
      }),
      axis: 'live',
    },
  ],
};
