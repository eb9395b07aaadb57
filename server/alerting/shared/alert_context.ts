import { ruleDetailsPath, serviceDashboardPath } from '../../../common/alerting/rule_types';
import { formatMeasure, type MeasureUnit } from '../../../common/format_measure';
import { SOURCE_LABELS, type SourceId } from '../../../common/sources';
import type { RuleGroup } from '../queries/rule_queries';
import { kibanaLink, type AlertLinks } from './alert_links';

/**
 * What every alert of the plugin's rule types carries in `context`, for action messages
 * (`{{context.reason}}`) and the alert document. Recovery carries the same fields with the
 * recovered value.
 */
export interface GoAlertContext {
  [key: string]: unknown;
  readonly service: string;
  /** The instance (`service.node.name`), or "*" for a rule grouped by service. */
  readonly instance: string;
  /** Who reported the data: `go_runtime` for the plugin's own scrapes, else apm, golang_integration, metricbeat. */
  readonly source: SourceId;
  /** The source's name in words, e.g. "APM Go agent". */
  readonly sourceLabel: string;
  readonly value: number | null;
  readonly unit: MeasureUnit;
  /** The value with its unit, e.g. "612 MiB". */
  readonly formattedValue: string;
  readonly threshold: readonly number[];
  readonly formattedThreshold: string;
  /** One sentence: what was seen, where, against what. */
  readonly reason: string;
  /** The service's dashboard at the alert's time: absolute with server.publicBaseUrl set. */
  readonly viewInAppUrl: string;
  /** The rule's page in Kibana, absolute likewise. */
  readonly ruleUrl: string;
  readonly timestamp: string;
}

export const ALL_INSTANCES = '*';

/** "instance host-1 of service orders", naming the source when it is not the plugin's own. */
export function whereText(group: RuleGroup): string {
  const where =
    group.instance === undefined
      ? `service ${group.service}`
      : `instance ${group.instance} of service ${group.service}`;
  return group.source === undefined ? where : `${where} (${SOURCE_LABELS[group.source]})`;
}

export interface ContextInput {
  group: RuleGroup;
  value: number | null;
  unit: MeasureUnit;
  threshold: readonly number[];
  reason: string;
  windowMs: number;
  /**
   * What viewInAppUrl opens when the alert has a page of its own to show (e.g. What grew over
   * the alert's window on the instance's page); otherwise the service's dashboard around the
   * alert.
   */
  view?: { readonly fromMs: number; readonly toMs: number; readonly instance?: string };
  extra?: Record<string, unknown>;
}

/** A phrase that opens a reason: "the highest heap allocated" starts "The highest…". */
export function startOfSentence(phrase: string): string {
  return phrase.charAt(0).toUpperCase() + phrase.slice(1);
}

export function buildContext(
  input: ContextInput & { nowMs: number; links: AlertLinks }
): GoAlertContext {
  const { group, value, unit, threshold } = input;
  return {
    service: group.service,
    instance: group.instance ?? ALL_INSTANCES,
    source: group.source ?? 'go_runtime',
    sourceLabel: SOURCE_LABELS[group.source ?? 'go_runtime'],
    value,
    unit,
    formattedValue: formatMeasure(value, unit),
    threshold,
    formattedThreshold: threshold.map((t) => formatMeasure(t, unit)).join(' and '),
    reason: input.reason,
    // The dashboard from a window before the alert to a little after it, so the rise is in view.
    viewInAppUrl: kibanaLink(
      input.links,
      input.view === undefined
        ? serviceDashboardPath(
            group.service,
            input.nowMs - Math.max(input.windowMs * 3, 15 * 60_000),
            input.nowMs + 60_000
          )
        : serviceDashboardPath(
            group.service,
            input.view.fromMs,
            input.view.toMs,
            input.view.instance
          )
    ),
    ruleUrl: kibanaLink(input.links, ruleDetailsPath(input.links.ruleId)),
    timestamp: new Date(input.nowMs).toISOString(),
    ...input.extra,
  };
}

/** Fields the plugin's rule types add to their alert documents (besides kibana.alert.*). */
export const GO_ALERT_FIELD_MAP = {
  'service.name': { type: 'keyword', required: false },
  'service.node.name': { type: 'keyword', required: false },
  'kibana.alert.evaluation.value': { type: 'double', required: false },
  'kibana.alert.evaluation.threshold': { type: 'double', required: false, array: true },
  'go_runtime.alert.unit': { type: 'keyword', required: false },
  'go_runtime.alert.condition': { type: 'keyword', required: false },
  'go_runtime.alert.slope_bytes_per_hour': { type: 'double', required: false },
  'go_runtime.alert.source': { type: 'keyword', required: false },
};

/** The rule types' own alert document fields: what GO_ALERT_FIELD_MAP maps, plus the reason. */
// A type alias, not an interface: only an alias is assignable to Kibana's RuleAlertData record.
// eslint-disable-next-line @typescript-eslint/consistent-type-definitions
export type GoAlertData = {
  'kibana.alert.reason': string;
  'kibana.alert.evaluation.value': number | null;
  'kibana.alert.evaluation.threshold': readonly number[];
  'service.name': string;
  'service.node.name'?: string;
  'go_runtime.alert.unit': string;
  'go_runtime.alert.condition'?: string;
  'go_runtime.alert.slope_bytes_per_hour'?: number;
  'go_runtime.alert.source': SourceId;
};

/**
 * The alert document's fields besides kibana.alert.*. The names come from the group, not from
 * the context, where "*" stands for "every instance" and could also be an instance's own name.
 */
export function alertPayload(
  context: GoAlertContext,
  group: RuleGroup,
  condition?: string
): GoAlertData {
  return {
    'kibana.alert.reason': context.reason,
    'kibana.alert.evaluation.value': context.value,
    'kibana.alert.evaluation.threshold': context.threshold,
    'service.name': group.service,
    ...(group.instance === undefined ? {} : { 'service.node.name': group.instance }),
    'go_runtime.alert.unit': context.unit,
    ...(condition === undefined ? {} : { 'go_runtime.alert.condition': condition }),
    ...(typeof context.slopeBytesPerHour === 'number'
      ? { 'go_runtime.alert.slope_bytes_per_hour': context.slopeBytesPerHour }
      : {}),
    'go_runtime.alert.source': group.source ?? 'go_runtime',
  };
}

export const CONTEXT_VARIABLES = [
  { name: 'service', description: 'The service (service.name).' },
  {
    name: 'instance',
    description: 'The instance (service.node.name), or * for a rule grouped by service.',
  },
  {
    name: 'source',
    description:
      'Who reported the data: go_runtime (the plugin), apm, golang_integration or metricbeat.',
  },
  { name: 'sourceLabel', description: 'The source in words, e.g. APM Go agent.' },
  { name: 'value', description: 'The value that was evaluated, in the unit named by unit.' },
  { name: 'unit', description: 'The unit of value and threshold.' },
  { name: 'formattedValue', description: 'The value with its unit.' },
  { name: 'threshold', description: 'The threshold(s) of the rule.' },
  { name: 'formattedThreshold', description: 'The threshold(s) with their unit.' },
  {
    name: 'reason',
    description: 'One sentence on what was seen and why it alerts (or recovered).',
  },
  {
    name: 'viewInAppUrl',
    description:
      'The service dashboard at the time of the alert (absolute when server.publicBaseUrl is set).',
    usesPublicBaseUrl: true,
  },
  {
    name: 'ruleUrl',
    description: 'The rule in Kibana (absolute when server.publicBaseUrl is set).',
    usesPublicBaseUrl: true,
  },
  { name: 'timestamp', description: 'When the rule evaluated the condition.' },
];
