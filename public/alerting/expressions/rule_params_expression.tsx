import { useCallback, type ComponentType } from 'react';
import type { HttpStart } from '@kbn/core/public';
import type { RuleTypeParamsExpressionProps } from '@kbn/triggers-actions-ui-plugin/public';
import type { GoRuleTypeId } from '../../../common/alerting/rule_types';
import { ParamsForm } from '../params_form';
import { PARAM_FIELDS } from '../param_fields';
import { RulePreview } from '../rule_preview';

/**
 * The params expression of every rule type of the plugin: the same form over each type's
 * fields, and the preview of what the rule reads. Loaded as its own chunk when the rule form shows one of them
 * (RuleTypeModel.ruleParamsExpression is lazy).
 */
export function expressionFor(
  ruleTypeId: GoRuleTypeId,
  /** Without it (a test of the fields alone) the form has no preview. */
  http?: HttpStart
): ComponentType<RuleTypeParamsExpressionProps> {
  const fields = PARAM_FIELDS[ruleTypeId];
  return function RuleParamsExpression({
    ruleParams,
    setRuleParams,
    errors,
  }: RuleTypeParamsExpressionProps) {
    const setParam = useCallback(
      (key: string, value: unknown) => setRuleParams(key, value),
      [setRuleParams]
    );
    return (
      <>
        <ParamsForm fields={fields} params={ruleParams} setParam={setParam} errors={errors} />
        {http !== undefined && (
          <RulePreview http={http} ruleTypeId={ruleTypeId} params={ruleParams} />
        )}
      </>
    );
  };
}
