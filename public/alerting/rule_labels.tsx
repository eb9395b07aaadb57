import { EuiHealth } from '@elastic/eui';
import { i18n } from '@kbn/i18n';
import { RULE_TYPE_IDS } from '../../common/alerting/rule_types';
import type { RuleSummary } from '../../common/alerting/rules_http';

export const RULE_TYPE_NAMES: Record<string, string> = {
  [RULE_TYPE_IDS.metricThreshold]: i18n.translate('goRuntime.rules.type.metricThreshold', {
    defaultMessage: 'Metric threshold',
  }),
  [RULE_TYPE_IDS.gcPause]: i18n.translate('goRuntime.rules.type.gcPause', {
    defaultMessage: 'GC pause',
  }),
  [RULE_TYPE_IDS.targetHealth]: i18n.translate('goRuntime.rules.type.targetHealth', {
    defaultMessage: 'Target health',
  }),
  [RULE_TYPE_IDS.heapGrowth]: i18n.translate('goRuntime.rules.type.heapGrowth', {
    defaultMessage: 'Heap growth',
  }),
};

const STATUS: Record<string, { color: string; label: string }> = {
  active: {
    color: 'danger',
    label: i18n.translate('goRuntime.rules.status.active', { defaultMessage: 'Active' }),
  },
  ok: {
    color: 'success',
    label: i18n.translate('goRuntime.rules.status.ok', { defaultMessage: 'OK' }),
  },
  error: {
    color: 'danger',
    label: i18n.translate('goRuntime.rules.status.error', { defaultMessage: 'Error' }),
  },
  warning: {
    color: 'warning',
    label: i18n.translate('goRuntime.rules.status.warning', { defaultMessage: 'Warning' }),
  },
  pending: {
    color: 'subdued',
    label: i18n.translate('goRuntime.rules.status.pending', { defaultMessage: 'Pending' }),
  },
};
const DISABLED = {
  color: 'subdued',
  label: i18n.translate('goRuntime.rules.status.disabled', { defaultMessage: 'Disabled' }),
};

/** A rule's status as its last run left it, or Disabled. */
export function RuleStatus({ rule }: { rule: RuleSummary }) {
  const status = rule.enabled ? STATUS[rule.execution_status.status] ?? STATUS.pending! : DISABLED;
  return (
    <EuiHealth color={status.color} data-test-subj={`goRuntimeRuleStatus-${rule.name}`}>
      {status.label}
    </EuiHealth>
  );
}

/** When the rule last ran and how that run ended. */
export function lastRunText(rule: RuleSummary): string {
  return rule.last_run === undefined || rule.execution_status.last_execution_date === undefined
    ? i18n.translate('goRuntime.rules.neverRun', { defaultMessage: 'Not run yet' })
    : `${new Date(rule.execution_status.last_execution_date).toLocaleString()} (${
        rule.last_run.outcome
      })`;
}
