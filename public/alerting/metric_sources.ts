import { i18n } from '@kbn/i18n';
import { CUSTOM_METRIC_PREFIX } from '../../common/alerting/rule_params';
import type { ServiceSummary } from '../../common/panels';
import { SOURCES, SOURCE_LABELS, type Measure, type SourceId } from '../../common/sources';

/**
 * Which threshold metrics a rule over the chosen services can read: a metric is offered when at
 * least one source of one chosen service feeds it (common/sources.ts SOURCES[...].fields), as
 * the rule executor reads every source that can feed the metric and skips the others.
 */

/**
 * The sources of the chosen services (every listed service when none is chosen), or undefined
 * while that is unknown: the list is not loaded, or a chosen service is not in it (a service
 * the rule is written for before its data arrives), so every metric stays on offer.
 */
export function sourcesOfServices(
  services: readonly ServiceSummary[] | undefined,
  chosen: readonly string[] | undefined
): SourceId[] | undefined {
  if (services === undefined) return undefined;
  const names = chosen ?? [];
  const listed = new Map(services.map((service) => [service.service_name, service.sources]));
  if (names.some((name) => !listed.has(name))) return undefined;
  const picked =
    names.length === 0
      ? services.map((service) => service.sources)
      : names.map((name) => listed.get(name)!);
  const sources = new Set(picked.flat());
  return sources.size === 0 ? undefined : [...sources];
}

/** Whether a source feeds a threshold metric: the plugin's own feeds every one it offers. */
export function sourceFeeds(source: SourceId, metric: string): boolean {
  if (source === 'go_runtime') return true;
  if (metric.startsWith(CUSTOM_METRIC_PREFIX)) return false;
  return SOURCES[source].fields[metric as Measure] !== undefined;
}

/**
 * Why a metric is not on offer for these sources, or undefined when one of them feeds it
 * (or the sources are not known).
 */
export function metricUnavailable(
  metric: string,
  sources: readonly SourceId[] | undefined
): string | undefined {
  if (sources === undefined || sources.some((source) => sourceFeeds(source, metric)))
    return undefined;
  return i18n.translate('goRuntime.alerting.params.metricNotReported', {
    defaultMessage: 'Not reported by the chosen services ({sources})',
    values: { sources: sources.map((source) => SOURCE_LABELS[source]).join(', ') },
  });
}
