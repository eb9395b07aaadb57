import { useEffect, useState } from 'react';
import {
  Axis,
  Chart,
  LineSeries,
  Position,
  ScaleType,
  Settings,
  niceTimeFormatter,
} from '@elastic/charts';
import { EuiCallOut, EuiFormRow, EuiLoadingChart, EuiText } from '@elastic/eui';
import type { HttpStart } from '@kbn/core/public';
import { i18n } from '@kbn/i18n';
import { isRight } from 'fp-ts/Either';
import { INTERNAL_API_VERSION } from '../../common/constants';
import { GroupBy, windowMs, type TimeUnit } from '../../common/alerting/rule_params';
import {
  RULE_PREVIEW_ROUTE,
  RulePreviewResponse,
  type RulePreviewQuery,
} from '../../common/alerting/rule_preview';
import { RULE_TYPE_IDS, type GoRuleTypeId } from '../../common/alerting/rule_types';
import { formatMeasure, type MeasureUnit } from '../../common/format_measure';
import { formatValidationErrors } from '../../common/io_ts_errors';
import { errorMessage } from '../application/api/http_error';
import { useChartBaseTheme } from '../application/charts/chart_theme';
import { metricThresholdMeasure } from './param_fields';

type Params = Readonly<Record<string, unknown>>;
/** Groups listed as the current value; more are counted, not listed. */
const SHOWN_GROUPS = 5;

/** The preview's query from the params as they are now, or undefined while they cannot make one. */
export function previewQueryOf(
  ruleTypeId: GoRuleTypeId,
  params: Params
): { query: RulePreviewQuery; unit: MeasureUnit; thresholds: number[] } | undefined {
  const { timeSize, timeUnit, groupBy, serviceNames } = params;
  if (typeof timeSize !== 'number' || typeof timeUnit !== 'string') return undefined;
  const scope = {
    window_ms: windowMs(timeSize, timeUnit as TimeUnit),
    ...(GroupBy.is(groupBy) ? { group_by: groupBy } : {}),
    ...(Array.isArray(serviceNames) && serviceNames.length > 0
      ? { service_names: serviceNames as string[] }
      : {}),
  };
  if (ruleTypeId === RULE_TYPE_IDS.metricThreshold) {
    const { metric, aggregation, threshold } = params;
    if (typeof metric !== 'string' || typeof aggregation !== 'string') return undefined;
    return {
      query: {
        measure: 'metric',
        metric,
        aggregation: aggregation as 'max',
        ...scope,
      },
      unit: metricThresholdMeasure(params).unit,
      thresholds: Array.isArray(threshold) ? threshold.filter((n) => typeof n === 'number') : [],
    };
  }
  if (ruleTypeId === RULE_TYPE_IDS.gcPause) {
    const { percentile, thresholdMs } = params;
    if (typeof percentile !== 'number') return undefined;
    return {
      query: { measure: 'gc_pause', percentile, ...scope },
      unit: 'millis',
      thresholds: typeof thresholdMs === 'number' ? [thresholdMs] : [],
    };
  }
  return undefined;
}

type State =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'data'; data: RulePreviewResponse };

/**
 * The current value of the rule's measure for its services, as the rule would read it now, and
 * the measure over the rule's look-back window with the threshold drawn across it.
 */
export function RulePreview({
  http,
  ruleTypeId,
  params,
}: {
  http: HttpStart;
  ruleTypeId: GoRuleTypeId;
  params: Params;
}) {
  const preview = previewQueryOf(ruleTypeId, params);
  const key = JSON.stringify(preview?.query ?? null);
  const [state, setState] = useState<State>({ status: 'loading' });
  const baseTheme = useChartBaseTheme();

  useEffect(() => {
    if (preview === undefined) return;
    const controller = new AbortController();
    setState({ status: 'loading' });
    http
      .get(RULE_PREVIEW_ROUTE, {
        query: preview.query,
        version: INTERNAL_API_VERSION,
        signal: controller.signal,
      })
      .then((body) => {
        // An answer to a query the form has moved on from must not replace the newer one.
        if (controller.signal.aborted) return;
        const decoded = RulePreviewResponse.decode(body);
        setState(
          isRight(decoded)
            ? { status: 'data', data: decoded.right }
            : { status: 'error', message: formatValidationErrors(decoded.left) }
        );
      })
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setState({ status: 'error', message: errorMessage(error) });
      });
    return () => controller.abort();
    // The query's text is its identity; `preview` is a new object on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [http, key]);

  if (preview === undefined) return null;
  const label = i18n.translate('goRuntime.alerting.preview.label', {
    defaultMessage: 'Current value and the last {window}',
    values: { window: `${String(params.timeSize)} ${String(params.timeUnit)}` },
  });
  const { unit, thresholds } = preview;
  return (
    <EuiFormRow label={label} fullWidth>
      <div data-test-subj="goRuntimeRulePreview" data-preview-status={state.status}>
        {state.status === 'loading' ? (
          <EuiLoadingChart size="l" />
        ) : state.status === 'error' ? (
          <EuiCallOut
            size="s"
            color="danger"
            iconType="error"
            title={i18n.translate('goRuntime.alerting.preview.error', {
              defaultMessage: 'No preview: {message}',
              values: { message: state.message },
            })}
          />
        ) : state.data.groups.every((group) => group.value === null) ? (
          <EuiText size="s" color="subdued" data-test-subj="goRuntimeRulePreviewEmpty">
            {i18n.translate('goRuntime.alerting.preview.empty', {
              defaultMessage: 'No data for these services in this window.',
            })}
          </EuiText>
        ) : (
          <>
            <EuiText size="s" data-test-subj="goRuntimeRuleCurrentValue">
              {state.data.groups.slice(0, SHOWN_GROUPS).map((group) => (
                <div key={`${group.service}/${group.instance ?? ''}`}>
                  {group.instance === undefined
                    ? group.service
                    : `${group.service} / ${group.instance}`}
                  {': '}
                  <strong>{formatMeasure(group.value, unit)}</strong>
                </div>
              ))}
              {state.data.groups.length > SHOWN_GROUPS &&
                i18n.translate('goRuntime.alerting.preview.more', {
                  defaultMessage: 'and {count} more',
                  values: { count: state.data.groups.length - SHOWN_GROUPS },
                })}
            </EuiText>
            {state.data.points.length > 0 && (
              <Chart size={{ height: 160 }}>
                <Settings
                  baseTheme={baseTheme}
                  xDomain={{ min: state.data.fromMs, max: state.data.toMs }}
                />
                <Axis
                  id="time"
                  position={Position.Bottom}
                  tickFormat={niceTimeFormatter([state.data.fromMs, state.data.toMs])}
                />
                <Axis
                  id="value"
                  position={Position.Left}
                  ticks={4}
                  tickFormat={(value: number) => formatMeasure(value, unit, { compact: true })}
                />
                <LineSeries
                  id="measure"
                  data={state.data.points}
                  xAccessor={0}
                  yAccessors={[1]}
                  xScaleType={ScaleType.Time}
                  yScaleType={ScaleType.Linear}
                />
                {/* Series, not annotations: the value axis then always reaches the threshold. */}
                {thresholds.map((value, index) => (
                  <LineSeries
                    key={index}
                    id={`threshold-${index}`}
                    name={i18n.translate('goRuntime.alerting.preview.threshold', {
                      defaultMessage: 'Threshold {value}',
                      values: { value: formatMeasure(value, unit) },
                    })}
                    color="#bd271e"
                    data={[
                      [state.data.fromMs, value],
                      [state.data.toMs, value],
                    ]}
                    xAccessor={0}
                    yAccessors={[1]}
                    xScaleType={ScaleType.Time}
                    yScaleType={ScaleType.Linear}
                    lineSeriesStyle={{ line: { dash: [4, 4] }, point: { visible: 'never' } }}
                  />
                ))}
              </Chart>
            )}
          </>
        )}
      </div>
    </EuiFormRow>
  );
}
