import { i18n } from '@kbn/i18n';
import type { PanelDefinition } from './panel_definition';

export const gcPausesPanel: PanelDefinition = {
  id: 'gc_pauses',
  title: i18n.translate('goRuntime.panels.gcPauses.title', { defaultMessage: 'GC pauses' }),
  info: i18n.translate('goRuntime.panels.gcPauses.info', {
    defaultMessage:
      "Percentiles over every stop-the-world pause read from Go's PauseNs ring, across the selected instances (HDR histogram, within 1 %); the max is exact. Bars: pauses per bucket. Red marks: buckets where GCs left the 256-entry ring before a scrape read them.",
  }),
  axes: [
    {
      id: 'duration',
      unit: 'nanos',
      position: 'left',
      title: i18n.translate('goRuntime.panels.gcPauses.durationAxis', {
        defaultMessage: 'Pause duration',
      }),
    },
    {
      id: 'pauses',
      unit: 'count',
      position: 'right',
      title: i18n.translate('goRuntime.panels.gcPauses.countAxis', {
        defaultMessage: 'Pauses per bucket',
      }),
      // The bars stay in the lowest third, under the percentile lines.
      headroom: 3,
    },
  ],
  chart: 'gc_pauses',
  series: [
    {
      metric: 'p50',
      label: i18n.translate('goRuntime.panels.gcPauses.p50', { defaultMessage: 'p50' }),
    },
    {
      metric: 'p95',
      label: i18n.translate('goRuntime.panels.gcPauses.p95', { defaultMessage: 'p95' }),
    },
    {
      metric: 'p99',
      label: i18n.translate('goRuntime.panels.gcPauses.p99', { defaultMessage: 'p99' }),
    },
    {
      metric: 'max',
      label: i18n.translate('goRuntime.panels.gcPauses.max', { defaultMessage: 'max' }),
    },
    {
      metric: 'pauses',
      label: i18n.translate('goRuntime.panels.gcPauses.pauses', { defaultMessage: 'Pauses' }),
      axis: 'pauses',
    },
  ],
};
