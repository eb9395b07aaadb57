import { i18n } from '@kbn/i18n';
import type { PanelDefinition } from './panel_definition';

export const stackOtherPanel: PanelDefinition = {
  id: 'stack_other',
  title: i18n.translate('goRuntime.panels.stackOther.title', {
    defaultMessage: 'Stacks and other memory',
  }),
  info: i18n.translate('goRuntime.panels.stackOther.info', {
    defaultMessage:
      "StackInuse and StackSys (goroutine stacks), GCSys (GC metadata), BuckHashSys (profiling bucket hash tables) and OtherSys (the rest of the runtime's allocations).",
  }),
  axes: [
    {
      id: 'bytes',
      unit: 'bytes',
      position: 'left',
      title: i18n.translate('goRuntime.panels.stackOther.axis', { defaultMessage: 'Memory' }),
    },
  ],
  chart: 'lines',
  ruleMetric: 'golang.heap.stack.inuse',
  series: [
    {
      metric: 'stack_in_use',
      label: i18n.translate('goRuntime.panels.stackOther.stackInUse', {
        defaultMessage: 'Stack in use',
      }),
    },
    {
      metric: 'stack_obtained',
      label: i18n.translate('goRuntime.panels.stackOther.stackObtained', {
        defaultMessage: 'Stack obtained',
      }),
    },
    {
      metric: 'gc_metadata',
      label: i18n.translate('goRuntime.panels.stackOther.gcMetadata', {
        defaultMessage: 'GC metadata',
      }),
    },
    {
      metric: 'buck_hash',
      label: i18n.translate('goRuntime.panels.stackOther.buckHash', {
        defaultMessage: 'Profiling bucket hash',
      }),
    },
    {
      metric: 'other',
      label: i18n.translate('goRuntime.panels.stackOther.other', { defaultMessage: 'Other' }),
    },
  ],
};
