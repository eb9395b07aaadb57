import type { AlertingServerSetup } from '@kbn/alerting-plugin/server';
import type { Logger } from '@kbn/core/server';
import { createGcPauseRuleType } from './gc_pause/gc_pause_rule_type';
import { createGoroutineGrowthRuleType } from './goroutine_growth/goroutine_growth_rule_type';
import { createHeapGrowthRuleType } from './heap_growth/heap_growth_rule_type';
import { createMetricThresholdRuleType } from './metric_threshold/metric_threshold_rule_type';
import { createTargetHealthRuleType } from './target_health/target_health_rule_type';
import { PUBLIC_BASE_URL_MISSING } from './shared/alert_links';
import type { GoRuleTypeDeps } from './shared/go_rule_type';

export function registerRuleTypes(
  alerting: AlertingServerSetup,
  deps: GoRuleTypeDeps & { logger: Logger }
): void {
  // Said once per start, not per notification: every alert's links are relative until it is set.
  if (deps.publicBaseUrl === undefined) deps.logger.warn(PUBLIC_BASE_URL_MISSING);
  const ruleTypeDeps: GoRuleTypeDeps = {
    publicBaseUrl: deps.publicBaseUrl,
    sources: deps.sources,
    logger: deps.logger,
  };
  alerting.registerType(createMetricThresholdRuleType(ruleTypeDeps));
  alerting.registerType(createGcPauseRuleType(ruleTypeDeps));
  alerting.registerType(createTargetHealthRuleType(ruleTypeDeps));
  alerting.registerType(createHeapGrowthRuleType(ruleTypeDeps));
  alerting.registerType(createGoroutineGrowthRuleType(ruleTypeDeps));
}
