import type { GcPauseParams, MetricThresholdParams } from '../../common/alerting/rule_params';
import { RULE_TYPE_IDS } from '../../common/alerting/rule_types';
import type { PanelDefinition } from '../application/panels/panel_definition';

/**
 * What the rule form opens with when a rule is created from the service dashboard. The
 * threshold is left out on purpose: no default is right for every service, and the form asks
 * for it before saving.
 */
export type RulePrefill =
  | {
      readonly ruleTypeId: typeof RULE_TYPE_IDS.metricThreshold;
      readonly name: string;
      readonly params: Partial<MetricThresholdParams>;
    }
  | {
      readonly ruleTypeId: typeof RULE_TYPE_IDS.gcPause;
      readonly name: string;
      readonly params: Partial<GcPauseParams>;
    };

const WINDOW = { timeSize: 5, timeUnit: 'm', groupBy: 'instance' } as const;

/** The rule for the whole service: the heap in use, the number most rules watch. */
export function serviceRulePrefill(serviceName: string): RulePrefill {
  return {
    ruleTypeId: RULE_TYPE_IDS.metricThreshold,
    name: serviceName,
    params: {
      metric: 'golang.heap.allocations.active',
      aggregation: 'max',
      comparator: '>',
      ...WINDOW,
      serviceNames: [serviceName],
    },
  };
}

/**
 * The rule for one panel: GC pauses get the gcPause rule (percentiles of the exact pauses);
 * a panel with a `ruleMetric` gets a metricThreshold rule on it; others have no rule.
 */
export function panelRulePrefill(
  serviceName: string,
  panel: PanelDefinition
): RulePrefill | undefined {
  const name = `${serviceName} ${panel.title}`;
  if (panel.chart === 'gc_pauses')
    return {
      ruleTypeId: RULE_TYPE_IDS.gcPause,
      name,
      params: { percentile: 99, comparator: '>', ...WINDOW, serviceNames: [serviceName] },
    };
  if (panel.ruleMetric === undefined) return undefined;
  return {
    ruleTypeId: RULE_TYPE_IDS.metricThreshold,
    name,
    params: {
      metric: panel.ruleMetric,
      aggregation: 'max',
      comparator: '>',
      ...WINDOW,
      serviceNames: [serviceName],
    },
  };
}
