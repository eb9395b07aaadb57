import type { HttpStart } from '@kbn/core/public';
import type { Rule } from '@kbn/triggers-actions-ui-plugin/public';
import { isRight } from 'fp-ts/Either';
import type * as t from 'io-ts';
import { ALL_RULE_TYPE_IDS } from '../../common/alerting/rule_types';
import { FindRulesResponse, RuleSummary } from '../../common/alerting/rules_http';
import { formatValidationErrors } from '../../common/io_ts_errors';
import { explained } from '../application/api/http_error';

/** At most this many of the plugin's rules are listed; the page says when there are more. */
export const RULES_PAGE_SIZE = 100;

function decoded<A>(codec: t.Type<A, unknown, unknown>, what: string, answer: unknown): A {
  const result = codec.decode(answer);
  if (isRight(result)) return result.right;
  throw new Error(`Unexpected ${what} from the server: ${formatValidationErrors(result.left)}`);
}

const ruleRoute = (id: string) => `/api/alerting/rule/${encodeURIComponent(id)}`;

/** Kibana's public alerting API, limited to the plugin's rule types. */
export function createRulesApi(http: HttpStart) {
  const filter = ALL_RULE_TYPE_IDS.map((id) => `alert.attributes.alertTypeId:${id}`).join(' or ');
  return {
    async find(signal?: AbortSignal): Promise<FindRulesResponse> {
      const answer = await explained(
        http.get('/api/alerting/rules/_find', {
          query: { per_page: String(RULES_PAGE_SIZE), filter },
          signal,
        })
      );
      return decoded(FindRulesResponse, 'rule list', answer);
    },
    async get(id: string, signal?: AbortSignal): Promise<RuleSummary> {
      return decoded(RuleSummary, 'rule', await explained(http.get(ruleRoute(id), { signal })));
    },
    async setEnabled(id: string, enabled: boolean): Promise<void> {
      await explained(http.post(`${ruleRoute(id)}/${enabled ? '_enable' : '_disable'}`));
    },
    /** Deletes the rule; its alert documents stay in the alerts index, as in Kibana. */
    async delete(id: string): Promise<void> {
      await explained(http.delete(ruleRoute(id)));
    },
  };
}
export type RulesApi = ReturnType<typeof createRulesApi>;

/**
 * The rule as triggers_actions_ui's edit flyout takes it: camelCase, as its loadRule rewrites
 * the HTTP answer (x-pack/platform/plugins/shared/triggers_actions_ui/public/application/lib/
 * rule_api/common_transformations.ts).
 */
export function editableRule(rule: RuleSummary): Rule {
  return {
    id: rule.id,
    name: rule.name,
    ruleTypeId: rule.rule_type_id,
    consumer: rule.consumer,
    enabled: rule.enabled,
    tags: rule.tags,
    schedule: rule.schedule,
    params: rule.params,
    actions: rule.actions.map((action) => ({
      id: action.id,
      // Kibana's rule form finds the connector type's form by it.
      actionTypeId: action.connector_type_id ?? '',
      params: action.params,
      ...(action.group === undefined ? {} : { group: action.group }),
      ...(action.frequency === undefined
        ? {}
        : {
            frequency: {
              summary: action.frequency.summary,
              notifyWhen: action.frequency.notify_when,
              throttle: action.frequency.throttle,
            },
          }),
    })),
  };
}

/** The services a rule watches, from its params; empty means every service. */
export function servicesOf(rule: RuleSummary): string[] {
  const names = rule.params.serviceNames;
  return Array.isArray(names)
    ? names.filter((name): name is string => typeof name === 'string')
    : [];
}
