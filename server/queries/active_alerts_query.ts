import type { ElasticsearchClient } from '@kbn/core/server';
import {
  MAX_ACTIVE_ALERTS,
  type ActiveAlert,
  type ActiveAlertsRequest,
  type ActiveAlertsResponse,
} from '../../common/alerting/active_alerts';
import { ALERTS_CONTEXT, RULE_PRODUCER } from '../../common/alerting/rule_types';

/** The alerts-as-data alias of the plugin's rule types in one space (Kibana's alerts service layout). */
export function alertsIndexOf(spaceId: string): string {
  return `.alerts-${ALERTS_CONTEXT}.alerts-${spaceId}`;
}

interface AlertSource {
  'kibana.alert.uuid'?: string;
  'kibana.alert.rule.uuid'?: string;
  'kibana.alert.rule.name'?: string;
  'kibana.alert.reason'?: string;
  'kibana.alert.start'?: string;
  'service.name'?: string;
  'service.node.name'?: string;
}

/**
 * The service's (or the rule's) alerts that are active now, newest first. Alert documents are flat (dotted
 * keys), one per alert, replaced while it stays active (see the alerts-as-data layout).
 */
export async function queryActiveAlerts(
  client: ElasticsearchClient,
  of: ActiveAlertsRequest,
  spaceId: string,
  signal?: AbortSignal
): Promise<ActiveAlertsResponse> {
  const response = await client.search<AlertSource>(
    {
      index: alertsIndexOf(spaceId),
      size: MAX_ACTIVE_ALERTS,
      ignore_unavailable: true,
      allow_no_indices: true,
      track_total_hits: true,
      query: {
        bool: {
          filter: [
            { term: { 'kibana.alert.status': 'active' } },
            { term: { 'kibana.alert.rule.producer': RULE_PRODUCER } },
            { term: { 'kibana.space_ids': spaceId } },
            'service_name' in of
              ? { term: { 'service.name': of.service_name } }
              : { term: { 'kibana.alert.rule.uuid': of.rule_id } },
          ],
        },
      },
      sort: [{ 'kibana.alert.start': { order: 'desc', unmapped_type: 'date' } }],
      _source: [
        'kibana.alert.uuid',
        'kibana.alert.rule.uuid',
        'kibana.alert.rule.name',
        'kibana.alert.reason',
        'kibana.alert.start',
        'service.name',
        'service.node.name',
      ],
    },
    { signal }
  );
  const total = response.hits.total;
  const alerts: ActiveAlert[] = response.hits.hits.map((hit) => {
    const source = hit._source ?? {};
    return {
      uuid: source['kibana.alert.uuid'] ?? hit._id ?? '',
      rule_id: source['kibana.alert.rule.uuid'] ?? '',
      rule_name: source['kibana.alert.rule.name'] ?? '',
      service: source['service.name'],
      instance: source['service.node.name'],
      reason: source['kibana.alert.reason'] ?? '',
      started: Date.parse(source['kibana.alert.start'] ?? '') || 0,
    };
  });
  return {
    alerts,
    total: typeof total === 'number' ? total : total?.value ?? alerts.length,
  };
}
