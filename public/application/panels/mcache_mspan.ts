import { i18n } from '@kbn/i18n';
import type { PanelDefinition } from './panel_definition';

export const mcacheMspanPanel: PanelDefinition = {
  id: 'mcache_mspan',
  title: i18n.translate('goRuntime.panels.mcacheMspan.title', {
    defaultMessage: 'mspan and mcache',
  }),
  info: i18n.translate('goRuntime.panels.mcacheMspan.info', {
    defaultMessage:
      "The runtime's own structures: MSpanInuse/MSpanSys (span descriptors, left axis) and MCacheInuse/MCacheSys (per-P caches, right axis).",
  }),
  axes: [
    {
      id: 'mspan',
      unit: 'bytes',
      position: 'left',
      title: i18n.translate('goRuntime.panels.mcacheMspan.mspanAxis', {
        defaultMessage: 'mspan memory',
      }),
    },
    {
      id: 'mcache',
      unit: 'bytes',
      position: 'right',
      title: i18n.translate('goRuntime.panels.mcacheMspan.mcacheAxis', {
        defaultMessage: 'mcache memory',
      }),
    },
  ],
  chart: 'lines',
  ruleMetric: 'golang.heap.mspan.allocated',
  series: [
    {
      metric: 'mspan_in_use',
      label: i18n.translate('goRuntime.panels.mcacheMspan.mspanInUse', {
        defaultMessage: 'mspan in use',
      }),
    },
    {
      metric: 'mspan_obtained',
      label: i18n.translate('goRuntime.panels.mcacheMspan.mspanObtained', {
        defaultMessage: 'mspan obtained',
      }),
    },
    {
      metric: 'mcache_in_use',
      label: i18n.translate('goRuntime.panels.mcacheMspan.mcacheInUse', {
        defaultMessage: 'mcache in use',
      }),
      axis: 'mcache',
    },
    {
      metric: 'mcache_obtained',
      label: i18n.translate('goRuntime.panels.mcacheMspan.mcacheObtained', {
        defaultMessage: 'mcache obtained',
      }),
      axis: 'mcache',
    },
  ],
};
