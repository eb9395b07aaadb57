import { i18n } from '@kbn/i18n';
import { ALERTS_CONTEXT, RULE_PRODUCER } from '../../../common/alerting/rule_types';
import { CONTEXT_VARIABLES, GO_ALERT_FIELD_MAP } from './alert_context';

/** What every rule type shares: who produces them, where their alerts go, what context they offer. */
export const RULE_TYPE_BASE = {
  category: 'observability',
  producer: RULE_PRODUCER,
  solution: 'observability' as const,
  minimumLicenseRequired: 'basic' as const,
  isExportable: true,
  defaultScheduleInterval: '1m',
  doesSetRecoveryContext: true,
  recoveryActionGroup: {
    id: 'recovered' as const,
    name: i18n.translate('goRuntime.alerting.actionGroups.recovered', {
      defaultMessage: 'Recovered',
    }),
  },
  actionVariables: { context: CONTEXT_VARIABLES },
  alerts: {
    context: ALERTS_CONTEXT,
    mappings: { fieldMap: GO_ALERT_FIELD_MAP },
    shouldWrite: true,
    isSpaceAware: true,
  },
};

/** The executor cannot report without the alerts client; Kibana gives it to every rule type with `alerts`. */
export class AlertsClientUnavailableError extends Error {
  constructor() {
    super('the alerts client is not available: the rule type must declare alerts with shouldWrite');
  }
}

/** The rule types keep nothing between runs themselves: the framework keeps each alert's lifecycle. */
export type NoState = Record<string, never>;
