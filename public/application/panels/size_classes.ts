import { i18n } from '@kbn/i18n';
import type { PanelDefinition } from './panel_definition';

export const sizeClassesPanel: PanelDefinition = {
  id: 'size_classes',
  title: i18n.translate('goRuntime.panels.sizeClasses.title', { defaultMessage: 'Size classes' }),
  info: i18n.translate('goRuntime.panels.sizeClasses.info', {
    defaultMessage:
      'MemStats.BySize, stored every 5 minutes unless configured otherwise (go_runtime.sizeClasses.periodMinutes): per size class (largest object size) and time, the live objects (Mallocs − Frees) or the objects allocated per second.',
  }),
  axes: [],
  chart: 'heatmap',
  series: [
    {
      metric: 'live',
      label: i18n.translate('goRuntime.panels.sizeClasses.live', {
        defaultMessage: 'Live objects',
      }),
    },
    {
      metric: 'allocation_rate',
      label: i18n.translate('goRuntime.panels.sizeClasses.rate', {
        defaultMessage: 'Allocated objects/s',
      }),
    },
  ],
};
