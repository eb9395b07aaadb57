import { lazy } from 'react';
import type { HttpStart } from '@kbn/core/public';
import { i18n } from '@kbn/i18n';
import type {
  RuleTypeModel,
  TriggersAndActionsUIPublicPluginSetup,
} from '@kbn/triggers-actions-ui-plugin/public';
import {
  GcPauseParams,
  GoroutineGrowthParams,
  HeapGrowthParams,
  MetricThresholdParams,
  TargetHealthParams,
} from '../../common/alerting/rule_params';
import { RULE_TYPE_IDS, type GoRuleTypeId } from '../../common/alerting/rule_types';
import { PARAM_FIELDS } from './param_fields';
import { validateWith } from './validate_params';

// Mustache for the action, inside an ICU message: the apostrophes quote the braces, so
// translation leaves `{{rule.name}}` and the others for the action's mustache rendering.
const DEFAULT_MESSAGE = i18n.translate('goRuntime.alerting.defaultActionMessage', {
  defaultMessage: "'{{'rule.name'}}': '{{'context.reason'}}' '{{'context.viewInAppUrl'}}'",
});
const DEFAULT_RECOVERY = i18n.translate('goRuntime.alerting.defaultRecoveryMessage', {
  defaultMessage: "'{{'rule.name'}}' recovered: '{{'context.reason'}}'",
});

function model(
  id: GoRuleTypeId,
  description: string,
  codec: Parameters<typeof validateWith>[0],
  getHttp: (() => Promise<HttpStart>) | undefined
): RuleTypeModel {
  return {
    id,
    description,
    iconClass: 'logoGolang',
    documentationUrl: null,
    validate: (params) => validateWith(codec, PARAM_FIELDS[id], params),
    // One chunk for every type's form, loaded with the rule form.
    ruleParamsExpression: lazy(async () => {
      const [module, http] = await Promise.all([
        import('./expressions/rule_params_expression'),
        getHttp?.(),
      ]);
      return { default: module.expressionFor(id, http) };
    }),
    requiresAppContext: false,
    defaultActionMessage: DEFAULT_MESSAGE,
    defaultRecoveryMessage: DEFAULT_RECOVERY,
  };
}

/** One model per rule type. */
export function registerRuleTypeModels(
  triggersActionsUi: TriggersAndActionsUIPublicPluginSetup,
  /** Core's http once started, for the form's preview; the form opens only after start. */
  getHttp?: () => Promise<HttpStart>
): void {
  const { ruleTypeRegistry } = triggersActionsUi;
  ruleTypeRegistry.register(
    model(
      RULE_TYPE_IDS.metricThreshold,
      i18n.translate('goRuntime.alerting.metricThreshold.description', {
        defaultMessage:
          'Alert when a Go runtime metric of a service or instance crosses a threshold.',
      }),
      MetricThresholdParams,
      getHttp
    )
  );
  ruleTypeRegistry.register(
    model(
      RULE_TYPE_IDS.gcPause,
      i18n.translate('goRuntime.alerting.gcPause.description', {
        defaultMessage: 'Alert when a percentile of the exact GC pauses exceeds a threshold.',
      }),
      GcPauseParams,
      getHttp
    )
  );
  ruleTypeRegistry.register(
    model(
      RULE_TYPE_IDS.targetHealth,
      i18n.translate('goRuntime.alerting.targetHealth.description', {
        defaultMessage:
          'Alert when a Go target is down, restarted, or lost GC pauses from its ring.',
      }),
      TargetHealthParams,
      getHttp
    )
  );
  ruleTypeRegistry.register(
    model(
      RULE_TYPE_IDS.heapGrowth,
      i18n.translate('goRuntime.alerting.heapGrowth.description', {
        defaultMessage:
          'Alert when the heap after GC keeps growing: a leak, not a sawtooth or a warming cache.',
      }),
      HeapGrowthParams,
      getHttp
    )
  );
  ruleTypeRegistry.register(
    model(
      RULE_TYPE_IDS.goroutineGrowth,
      i18n.translate('goRuntime.alerting.goroutineGrowth.description', {
        defaultMessage:
          'Alert when a Go process has too many goroutines, or one stack group keeps growing: a goroutine leak, named by its function.',
      }),
      GoroutineGrowthParams,
      getHttp
    )
  );
}
