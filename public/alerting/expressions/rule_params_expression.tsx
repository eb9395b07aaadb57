import { useCallback, useEffect, useMemo, useState, type ComponentType } from 'react';
import type { HttpStart } from '@kbn/core/public';
import type { RuleTypeParamsExpressionProps } from '@kbn/triggers-actions-ui-plugin/public';
import { isRight } from 'fp-ts/Either';
import { INTERNAL_API_VERSION } from '../../../common/constants';
import { SERVICES_ROUTE } from '../../../common/dashboard_routes';
import { ServicesResponse, type ServiceSummary } from '../../../common/panels';
import type { GoRuleTypeId } from '../../../common/alerting/rule_types';
import { metricUnavailable, sourcesOfServices } from '../metric_sources';
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
  http?: HttpStart,
  /** The services and their sources; by default the services list over the last day, through http. */
  loadServices: ServicesLoader | undefined = http === undefined ? undefined : servicesOf(http)
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
    const services = useServices(loadServices);
    const chosen = ruleParams.serviceNames;
    const sources = useMemo(
      () => sourcesOfServices(services, Array.isArray(chosen) ? (chosen as string[]) : undefined),
      [services, chosen]
    );
    const unavailable = useCallback(
      (key: string, value: string) =>
        key === 'metric' ? metricUnavailable(value, sources) : undefined,
      [sources]
    );
    return (
      <>
        <ParamsForm
          fields={fields}
          params={ruleParams}
          setParam={setParam}
          errors={errors}
          unavailable={unavailable}
        />
        {http !== undefined && (
          <RulePreview http={http} ruleTypeId={ruleTypeId} params={ruleParams} />
        )}
      </>
    );
  };
}

export type ServicesLoader = (signal: AbortSignal) => Promise<readonly ServiceSummary[]>;

const DAY_MS = 24 * 3_600_000;

/** The services seen over the last day, each with its sources (the services list's own route). */
function servicesOf(http: HttpStart): ServicesLoader {
  return async (signal) => {
    const to = Date.now();
    const body = await http.get(SERVICES_ROUTE, {
      query: { from: new Date(to - DAY_MS).toISOString(), to: new Date(to).toISOString() },
      signal,
      version: INTERNAL_API_VERSION,
    });
    const decoded = ServicesResponse.decode(body);
    return isRight(decoded) ? decoded.right.services : [];
  };
}

/**
 * The services once loaded; undefined before, and when loading failed: then the form offers
 * every metric, as it did before it knew the sources.
 */
function useServices(load: ServicesLoader | undefined): readonly ServiceSummary[] | undefined {
  const [services, setServices] = useState<readonly ServiceSummary[] | undefined>(undefined);
  useEffect(() => {
    if (load === undefined) return;
    const controller = new AbortController();
    load(controller.signal).then(
      (loaded) => {
        if (!controller.signal.aborted) setServices(loaded);
      },
      () => undefined
    );
    return () => controller.abort();
  }, [load]);
  return services;
}
