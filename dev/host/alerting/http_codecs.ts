import * as t from 'io-ts';
import { strictObjectWithOptional } from '../../../common/codecs';

/**
 * Request bodies of Kibana's public alerting and actions APIs, as their route schemas have
 * them (x-pack/platform/plugins/shared/alerting/common/routes/rule/apis/{create,update,find}
 * and x-pack/platform/plugins/shared/actions/common/routes/connector/apis).
 */
const NotifyWhen = t.keyof({
  onActionGroupChange: null,
  onActiveAlert: null,
  onThrottleInterval: null,
});
const Interval = t.string;

const Frequency = t.type({
  summary: t.boolean,
  notify_when: NotifyWhen,
  throttle: t.union([Interval, t.null]),
});
const RuleAction = strictObjectWithOptional(
  { id: t.string, params: t.UnknownRecord },
  { group: t.string, uuid: t.string, frequency: Frequency },
  'RuleAction'
);

const MAX_ACTIONS = 100;
const Actions = t.refinement(
  t.array(RuleAction),
  (actions) => actions.length <= MAX_ACTIONS,
  `a list of at most ${MAX_ACTIONS} actions`
);

export const CreateRuleBody = strictObjectWithOptional(
  {
    name: t.string,
    rule_type_id: t.string,
    consumer: t.string,
    schedule: t.type({ interval: Interval }),
    params: t.UnknownRecord,
  },
  {
    enabled: t.boolean,
    tags: t.array(t.string),
    throttle: t.union([Interval, t.null]),
    notify_when: t.union([NotifyWhen, t.null]),
    actions: Actions,
  },
  'CreateRuleBody'
);
export type CreateRuleBody = t.TypeOf<typeof CreateRuleBody>;

export const UpdateRuleBody = strictObjectWithOptional(
  { name: t.string, schedule: t.type({ interval: Interval }), params: t.UnknownRecord },
  {
    tags: t.array(t.string),
    throttle: t.union([Interval, t.null]),
    notify_when: t.union([NotifyWhen, t.null]),
    actions: Actions,
  },
  'UpdateRuleBody'
);
export type UpdateRuleBody = t.TypeOf<typeof UpdateRuleBody>;

const PositiveIntString = t.refinement(t.string, (s) => /^[1-9]\d{0,4}$/.test(s), 'a whole number');
export const FindRulesQuery = t.partial({
  page: PositiveIntString,
  per_page: PositiveIntString,
  search: t.string,
  /** Kibana takes a KQL filter; the dev host understands `alert.attributes.alertTypeId:<id>` (OR-ed) only. */
  filter: t.string,
  search_fields: t.union([t.string, t.array(t.string)]),
  sort_field: t.string,
  sort_order: t.keyof({ asc: null, desc: null }),
});

export const IdParams = t.type({ id: t.string });
/** Kibana's disable body: `untrack` ends the rule's active alerts (default false). */
export const DisableRuleBody = t.union([
  t.null,
  t.undefined,
  t.exact(t.partial({ untrack: t.boolean })),
]);
export type DisableRuleBody = t.TypeOf<typeof DisableRuleBody>;

export const CreateConnectorBody = strictObjectWithOptional(
  { name: t.string, connector_type_id: t.string },
  { config: t.UnknownRecord, secrets: t.UnknownRecord },
  'CreateConnectorBody'
);
export const ExecuteConnectorBody = t.type({ params: t.UnknownRecord });
