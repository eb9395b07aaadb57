import type { RuleTypeParamsExpressionProps } from '@kbn/triggers-actions-ui-plugin/public';
import { ParamsForm } from '../params_form';
import { TARGET_HEALTH_FIELDS } from '../param_fields';

/** Loaded when the rule form shows this rule type (RuleTypeModel.ruleParamsExpression is lazy). */
export default function Expression({
  ruleParams,
  setRuleParams,
  errors,
}: RuleTypeParamsExpressionProps) {
  return (
    <ParamsForm
      fields={TARGET_HEALTH_FIELDS}
      params={ruleParams}
      setParam={(key, value) => setRuleParams(key, value)}
      errors={errors}
    />
  );
}
