import type { HttpStart } from '@kbn/core/public';
import { isRight } from 'fp-ts/Either';
import { ALL_RULE_TYPE_IDS } from '../../common/alerting/rule_types';
import { FindRulesResponse } from '../../common/alerting/rules_http';
import { formatValidationErrors } from '../../common/io_ts_errors';
import { explained } from '../application/api/http_error';

/** At most this many of the plugin's rules are listed; the page says when there are more. */
export const RULES_PAGE_SIZE = 100;

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
      const result = FindRulesResponse.decode(answer);
      if (isRight(result)) return result.right;
      throw new Error(
        `Unexpected rule list from the server: ${formatValidationErrors(result.left)}`
      );
    },
    async setEnabled(id: string, enabled: boolean): Promise<void> {
      await explained(
        http.post(
          `/api/alerting/rule/${encodeURIComponent(id)}/${enabled ? '_enable' : '_disable'}`
        )
      );
    },
  };
}
export type RulesApi = ReturnType<typeof createRulesApi>;
