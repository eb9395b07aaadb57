import type { Client } from '@elastic/elasticsearch';

/**
 * Alerts as data: one index per rule type context and space, written through the alias
 * `.alerts-<context>.alerts-<space>` over `.internal.alerts-<context>.alerts-<space>-000001`,
 * as Kibana's alerts service lays them out (x-pack/platform/plugins/shared/alerting/server/alerts_service).
 * The fields are a subset of Kibana's alert field map (src/platform/packages/shared/kbn-alerts-as-data-utils/src/field_maps/alert_field_map.ts)
 * plus the rule type's own `alerts.mappings.fieldMap`.
 */
const keyword = { type: 'keyword' };
const date = { type: 'date' };
const FRAMEWORK_FIELDS: Record<string, object> = {
  '@timestamp': date,
  'event.action': keyword,
  'event.kind': keyword,
  tags: keyword,
  'kibana.version': keyword,
  'kibana.space_ids': keyword,
  'kibana.alert.uuid': keyword,
  'kibana.alert.instance.id': keyword,
  'kibana.alert.status': keyword,
  'kibana.alert.workflow_status': keyword,
  'kibana.alert.action_group': keyword,
  'kibana.alert.previous_action_group': keyword,
  'kibana.alert.flapping': { type: 'boolean' },
  'kibana.alert.flapping_history': { type: 'boolean' },
  'kibana.alert.pending_recovered_count': { type: 'long' },
  'kibana.alert.start': date,
  'kibana.alert.end': date,
  'kibana.alert.last_detected': date,
  'kibana.alert.time_range': {
    type: 'date_range',
    format: 'epoch_millis||strict_date_optional_time',
  },
  'kibana.alert.duration.us': { type: 'long' },
  'kibana.alert.consecutive_matches': { type: 'long' },
  'kibana.alert.reason': {
    type: 'text',
    fields: { keyword: { type: 'keyword', ignore_above: 1024 } },
  },
  'kibana.alert.rule.uuid': keyword,
  'kibana.alert.rule.name': keyword,
  'kibana.alert.rule.rule_type_id': keyword,
  'kibana.alert.rule.consumer': keyword,
  'kibana.alert.rule.producer': keyword,
  'kibana.alert.rule.category': keyword,
  'kibana.alert.rule.execution.uuid': keyword,
  'kibana.alert.rule.tags': keyword,
  'kibana.alert.rule.revision': { type: 'long' },
  'kibana.alert.rule.parameters': { type: 'flattened', ignore_above: 4096 },
};

export type FieldMap = Record<string, { type: string; required?: boolean; array?: boolean }>;

export function alertsAlias(context: string, spaceId: string): string {
  return `.alerts-${context}.alerts-${spaceId}`;
}

export class AlertsIndices {
  private readonly ready = new Map<string, Promise<string>>();

  constructor(private readonly client: Client) {}

  /** Resolves to the alias to write to, creating the index on first use (once per process). */
  ensure(context: string, spaceId: string, fieldMap: FieldMap): Promise<string> {
    const alias = alertsAlias(context, spaceId);
    let pending = this.ready.get(alias);
    if (pending === undefined) {
      pending = this.create(alias, context, spaceId, fieldMap).catch((error) => {
        this.ready.delete(alias);
        throw error;
      });
      this.ready.set(alias, pending);
    }
    return pending;
  }

  /**
   * Marks a rule's active alerts `untracked`, ended now, as Kibana's alerts service does when a
   * rule is deleted or disabled with `untrack` (alerts_service/lib/set_alerts_to_untracked.ts):
   * the alerts stop counting as active although no run saw them recover. Returns how many.
   * Kibana runs an update_by_query; the dev cluster has no reindex module, so this searches and
   * writes each alert back conditionally (a document another writer changed since is left).
   */
  async untrackRuleAlerts(
    context: string,
    spaceId: string,
    ruleId: string,
    now: Date
  ): Promise<number> {
    const index = alertsAlias(context, spaceId);
    const found = await this.client.search<Record<string, unknown>>({
      index,
      ignore_unavailable: true,
      allow_no_indices: true,
      seq_no_primary_term: true,
      // A rule has at most MAX_ALERTS_PER_RUN active alerts.
      size: 1_000,
      query: {
        bool: {
          filter: [
            { term: { 'kibana.alert.status': 'active' } },
            { term: { 'kibana.alert.rule.uuid': ruleId } },
          ],
        },
      },
    });
    const hits = found.hits.hits;
    if (hits.length === 0) return 0;
    const end = now.toISOString();
    const response = await this.client.bulk({
      refresh: true,
      operations: hits.flatMap((hit) => {
        const range = (hit._source?.['kibana.alert.time_range'] ?? {}) as object;
        return [
          {
            update: {
              _index: hit._index,
              _id: hit._id!,
              if_seq_no: hit._seq_no!,
              if_primary_term: hit._primary_term!,
            },
          },
          {
            doc: {
              'kibana.alert.status': 'untracked',
              'kibana.alert.end': end,
              'kibana.alert.time_range': { ...range, lte: end },
            },
          },
        ];
      }),
    });
    return response.items.filter((item) => item.update?.result === 'updated').length;
  }

  private async create(
    alias: string,
    context: string,
    spaceId: string,
    fieldMap: FieldMap
  ): Promise<string> {
    const properties: Record<string, object> = { ...FRAMEWORK_FIELDS };
    for (const [name, field] of Object.entries(fieldMap)) properties[name] = { type: field.type };
    if (await this.client.indices.existsAlias({ name: alias })) {
      await this.client.indices.putMapping({ index: alias, properties: properties as never });
      return alias;
    }
    try {
      await this.client.indices.create({
        index: `.internal.alerts-${context}.alerts-${spaceId}-000001`,
        aliases: { [alias]: { is_write_index: true } },
        settings: { number_of_shards: 1, auto_expand_replicas: '0-1', hidden: true },
        mappings: { dynamic: false, properties: properties as never },
      });
    } catch (error) {
      if (!String((error as Error).message).includes('resource_already_exists_exception'))
        throw error;
    }
    return alias;
  }
}
