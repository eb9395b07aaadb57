import { i18n } from '@kbn/i18n';
import type { PanelDefinition } from './panel_definition';

export const customVarsPanel: PanelDefinition = {
  id: 'custom_vars',
  title: i18n.translate('goRuntime.panels.customVars.title', { defaultMessage: 'Custom vars' }),
  info: i18n.translate('goRuntime.panels.customVars.info', {
    defaultMessage:
      "The application's own expvar variables (named by JSON Pointer). Numbers: the max per bucket, one line per instance; a var that only rises (a counter, resets at restarts aside) as its rate per second, and a var named with “bytes” in bytes, each unit on an axis of its own. Strings and booleans: each instance's latest value.",
  }),
  axes: [],
  chart: 'custom_vars',
  series: [],
};
