import { DEFAULT_APP_CATEGORIES } from '@kbn/core/server';
import type { KibanaFeatureConfig } from '@kbn/features-plugin/server';
import { i18n } from '@kbn/i18n';
import {
  API_PRIVILEGES,
  PLUGIN_ID,
  TARGET_SAVED_OBJECT_TYPE,
  TARGET_URL_CLAIM_TYPE,
  UI_CAPABILITIES,
} from '../common/constants';
import { ALL_RULE_TYPE_IDS, RULE_PRODUCER } from '../common/alerting/rule_types';

/** The plugin's rule types, with the consumers whose rules of them the privilege covers. */
const RULE_TYPES_PRIVILEGE = ALL_RULE_TYPE_IDS.map((ruleTypeId) => ({
  ruleTypeId,
  consumers: [RULE_PRODUCER, 'alerts'],
}));

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
  alerting: RULE_TYPES_PRIVILEGE,
  privileges: {
    all: {
      app: [PLUGIN_ID],
      catalogue: [PLUGIN_ID],
      api: [API_PRIVILEGES.read, API_PRIVILEGES.write],
      savedObject: { all: [TARGET_SAVED_OBJECT_TYPE, TARGET_URL_CLAIM_TYPE], read: [] },
      alerting: { rule: { all: RULE_TYPES_PRIVILEGE }, alert: { all: RULE_TYPES_PRIVILEGE } },
      ui: [UI_CAPABILITIES.show, UI_CAPABILITIES.save],
    },
    read: {
      app: [PLUGIN_ID],
      catalogue: [PLUGIN_ID],
      api: [API_PRIVILEGES.read],
      savedObject: { all: [], read: [TARGET_SAVED_OBJECT_TYPE] },
      alerting: { rule: { read: RULE_TYPES_PRIVILEGE }, alert: { read: RULE_TYPES_PRIVILEGE } },
      ui: [UI_CAPABILITIES.show],
    },
  },
};
