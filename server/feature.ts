import { DEFAULT_APP_CATEGORIES } from '@kbn/core/server';
import { KibanaFeatureScope } from '@kbn/features-plugin/common';
import type { KibanaFeatureConfig } from '@kbn/features-plugin/server';
import { i18n } from '@kbn/i18n';
import { API_PRIVILEGES, PLUGIN_ID, TARGET_SAVED_OBJECT_TYPE, UI_CAPABILITIES } from '../common/constants';

/**
 * The Kibana feature: `all` may manage targets, `read` may browse dashboards. Routes require
 * the api privileges listed here, so a role's feature privilege is the only switch.
 */
export const goRuntimeFeature: KibanaFeatureConfig = {
  id: PLUGIN_ID,
  name: i18n.translate('goRuntime.feature.name', { defaultMessage: 'Go Runtime' }),
  category: DEFAULT_APP_CATEGORIES.observability,
  app: [PLUGIN_ID],
  catalogue: [PLUGIN_ID],
  // Kibana's default is Security only; Spaces lets a space hide the app.
  scope: [KibanaFeatureScope.Security, KibanaFeatureScope.Spaces],
  privileges: {
    all: {
      app: [PLUGIN_ID],
      catalogue: [PLUGIN_ID],
      api: [API_PRIVILEGES.read, API_PRIVILEGES.write],
      savedObject: { all: [TARGET_SAVED_OBJECT_TYPE], read: [] },
      ui: [UI_CAPABILITIES.show, UI_CAPABILITIES.save],
    },
    read: {
      app: [PLUGIN_ID],
      catalogue: [PLUGIN_ID],
      api: [API_PRIVILEGES.read],
      savedObject: { all: [], read: [TARGET_SAVED_OBJECT_TYPE] },
      ui: [UI_CAPABILITIES.show],
    },
  },
};
