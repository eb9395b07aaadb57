import { EuiHealth } from '@elastic/eui';
import { i18n } from '@kbn/i18n';
import { RULE_TYPE_IDS } from '../../common/alerting/rule_types';
import type { RuleSummary } from '../../common/alerting/rules_http';

const typeName = (id: string, defaultMessage: string) =>
  i18n.translate(`goRuntime.rules.type.${id}`, { defaultMessage });

export const RULE_TYPE_NAMES: Record<string, string> = {
  [RULE_TYPE_IDS.metricThreshold]: typeName('metricThreshold', 'Metric threshold'),
  [RULE_TYPE_IDS.gcPause]: typeName('gcPause', 'GC pause'),
  [RULE_TYPE_IDS.targetHealth]: typeName('targetHealth', 'Target health'),
  [RULE_TYPE_IDS.heapGrowth]: typeName('heapGrowth', 'Heap growth'),
  [RULE_TYPE_IDS.goroutineGrowth]: typeName('goroutineGrowth', 'Goroutine growth'),
};

const statusLabel = (id: string, color: string, defaultMessage: string) => ({
  color,
  label: i18n.translate(`goRuntime.rules.status.${id}`, { defaultMessage }),
});

const STATUS: Record<string, { color: string; label: string }> = {
  active: statusLabel('active', 'danger', 'Active'),
  ok: statusLabel('ok', 'success', 'OK'),
  error: statusLabel('error', 'danger', 'Error'),
  warning: statusLabel('warning', 'warning', 'Warning'),
  pending: statusLabel('pending', 'subdued', 'Pending'),
};
const DISABLED = statusLabel('disabled', 'subdued', 'Disabled');

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
export function lastRunText(rule: RuleSummary, instant: (at: number) => string): string {
  return rule.last_run === undefined || rule.execution_status.last_execution_date === undefined
    ? i18n.translate('goRuntime.rules.neverRun', { defaultMessage: 'Not run yet' })
    : `${instant(Date.parse(rule.execution_status.last_execution_date))} (${
        rule.last_run.outcome
      })`;
}
