import type { AlertingServerSetup } from '@kbn/alerting-plugin/server';
import { createGcPauseRuleType } from './gc_pause/gc_pause_rule_type';
import { createHeapGrowthRuleType } from './heap_growth/heap_growth_rule_type';
import { createMetricThresholdRuleType } from './metric_threshold/metric_threshold_rule_type';
import { createTargetHealthRuleType } from './target_health/target_health_rule_type';

export function registerRuleTypes(alerting: AlertingServerSetup): void {
  alerting.registerType(createMetricThresholdRuleType());
  alerting.registerType(createGcPauseRuleType());
  alerting.registerType(createTargetHealthRuleType());
  alerting.registerType(createHeapGrowthRuleType());
}
