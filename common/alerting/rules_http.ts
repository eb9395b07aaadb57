import * as t from 'io-ts';

/**
 * The parts of Kibana's `GET /api/alerting/rules/_find` answer the Rules page reads, decoded
 * in the browser so that a changed answer shows as an error, not as an empty table.
 */
export const RuleSummary = t.intersection([
  t.type({
    id: t.string,
    name: t.string,
    rule_type_id: t.string,
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
