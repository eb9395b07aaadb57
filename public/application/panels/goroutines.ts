import { i18n } from '@kbn/i18n';
import type { PanelDefinition } from './panel_definition';

/** Shown only for services with a source that counts goroutines (common/panels.ts panelsFor). */
export const goroutinesPanel: PanelDefinition = {
  id: 'goroutines',
  title: i18n.translate('goRuntime.panels.goroutines.title', { defaultMessage: 'Goroutines' }),
  info: i18n.translate('goRuntime.panels.goroutines.info', {
    defaultMessage:
      "runtime.NumGoroutine as the APM Go agent reports it (golang.goroutines). Across instances: the sum of each instance's mean in the bucket. The plugin's own scrapes read MemStats, which has no goroutine count.",
  }),
  axes: [
    {
      id: 'count',
      unit: 'count',
      position: 'left',
      title: i18n.translate('goRuntime.panels.goroutines.axis', { defaultMessage: 'Goroutines' }),
    },
  ],
  chart: 'lines',
  series: [
    {
      metric: 'goroutines',
      label: i18n.translate('goRuntime.panels.goroutines.series', {
        defaultMessage: 'Goroutines',
      }),
    },
  ],
};
