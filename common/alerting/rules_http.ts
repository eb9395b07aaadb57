import * as t from 'io-ts';

/** One of a rule's actions as Kibana's alerting HTTP API answers it. */
export const RuleActionSummary = t.intersection([
  t.type({ id: t.string, params: t.UnknownRecord }),
  t.partial({
    group: t.string,
    connector_type_id: t.string,
    frequency: t.type({
      summary: t.boolean,
      notify_when: t.string,
      throttle: t.union([t.string, t.null]),
    }),
  }),
]);
export type RuleActionSummary = t.TypeOf<typeof RuleActionSummary>;

/**
 * The parts of a rule in Kibana's alerting HTTP API answers (`GET /api/alerting/rule/{id}`,
 * and each of `GET /api/alerting/rules/_find`) the Rules pages read, decoded in the browser so
 * that a changed answer shows as an error, not as an empty table.
 */
export const RuleSummary = t.intersection([
  t.type({
    id: t.string,
    name: t.string,
    rule_type_id: t.string,
    consumer: t.string,
    tags: t.array(t.string),
    params: t.UnknownRecord,
    actions: t.array(RuleActionSummary),
    enabled: t.boolean,
    schedule: t.type({ interval: t.string }),
    execution_status: t.intersection([
      t.type({ status: t.string }),
      t.partial({ last_execution_date: t.string, last_duration: t.number }),
    ]),
  }),
  t.partial({
    last_run: t.type({
      outcome: t.string,
      alerts_count: t.partial({ active: t.number, new: t.number, recovered: t.number }),
    }),
    next_run: t.string,
  }),
]);
export type RuleSummary = t.TypeOf<typeof RuleSummary>;

export const FindRulesResponse = t.type({
  page: t.number,
  per_page: t.number,
  total: t.number,
  data: t.array(RuleSummary),
});
export type FindRulesResponse = t.TypeOf<typeof FindRulesResponse>;
