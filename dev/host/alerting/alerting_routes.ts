import type {
  IKibanaResponse,
  KibanaResponseFactory,
  RouteValidationFunction,
} from '@kbn/core/server';
import { isRight } from 'fp-ts/Either';
import type * as t from 'io-ts';
import { formatValidationErrors } from '../../../common/io_ts_errors';
import type { KibanaRouter } from '../http/router';
import { HostHttpError } from '../http/host_http_error';
import type { ActionsClient, Connector } from '../actions/actions_client';
import type { Rule, RulesClient } from './rules_client';
import {
  CreateConnectorBody,
  CreateRuleBody,
  DisableRuleBody,
  ExecuteConnectorBody,
  FindRulesQuery,
  IdParams,
  UpdateRuleBody,
} from './http_codecs';

/** Kibana's alerting routes opt out of route authorization: the rules client authorizes by rule type and consumer. */
const DELEGATED = {
  authz: {
    enabled: false as const,
    reason:
      'This route is opted out from authorization because alerting uses its own authorization model inside the alerts client.',
  },
};

export interface AlertingRequestContext {
  alerting: { getRulesClient(): RulesClient; listRuleTypes(): unknown[] };
  actions: { getActionsClient(): ActionsClient };
}

function validation<A>(codec: t.Decoder<unknown, A>): RouteValidationFunction<A> {
  return (data, { ok, badRequest }) => {
    const result = codec.decode(data);
    return isRight(result) ? ok(result.right) : badRequest(formatValidationErrors(result.left));
  };
}

async function answer(
  response: KibanaResponseFactory,
  work: () => Promise<IKibanaResponse>
): Promise<IKibanaResponse> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof HostHttpError)
      return response.customError({
        statusCode: error.statusCode,
        body: { message: error.message },
      });
    throw error;
  }
}

/** A rule as Kibana's HTTP API returns it: snake_case (x-pack/platform/plugins/shared/alerting/server/routes/rule/transforms). */
export function ruleToHttp(rule: Rule) {
  return {
    id: rule.id,
    name: rule.name,
    tags: rule.tags,
    enabled: rule.enabled,
    rule_type_id: rule.alertTypeId,
    consumer: rule.consumer,
    schedule: rule.schedule,
    params: rule.params,
    actions: rule.actions.map((action) => ({
      group: action.group,
      id: action.id,
      uuid: action.uuid,
      params: action.params,
      connector_type_id: action.actionTypeId,
      ...(action.frequency === undefined
        ? {}
        : {
            frequency: {
              summary: action.frequency.summary,
              notify_when: action.frequency.notifyWhen,
              throttle: action.frequency.throttle,
            },
          }),
    })),
    notify_when: rule.notifyWhen,
    throttle: rule.throttle,
    scheduled_task_id: rule.scheduledTaskId,
    created_by: rule.createdBy,
    updated_by: rule.updatedBy,
    created_at: rule.createdAt,
    updated_at: rule.updatedAt,
    api_key_owner: rule.apiKeyOwner,
    api_key_created_by_user: false,
    mute_all: rule.muteAll,
    muted_alert_ids: rule.mutedInstanceIds,
    revision: rule.revision,
    running: rule.running,
    execution_status: {
      status: rule.executionStatus.status,
      last_execution_date: rule.executionStatus.lastExecutionDate,
      ...(rule.executionStatus.lastDuration === undefined
        ? {}
        : { last_duration: rule.executionStatus.lastDuration }),
      ...(rule.executionStatus.error === undefined ? {} : { error: rule.executionStatus.error }),
    },
    ...(rule.lastRun === null
      ? {}
      : {
          last_run: {
            outcome: rule.lastRun.outcome,
            outcome_order: rule.lastRun.outcomeOrder,
            outcome_msg: rule.lastRun.outcomeMsg,
            warning: rule.lastRun.warning,
            alerts_count: rule.lastRun.alertsCount,
          },
        }),
    ...(rule.nextRun === null ? {} : { next_run: rule.nextRun }),
  };
}

function connectorToHttp(connector: Connector) {
  return {
    id: connector.id,
    name: connector.name,
    connector_type_id: connector.actionTypeId,
    config: connector.config,
    is_preconfigured: false,
    is_deprecated: false,
    is_missing_secrets: connector.isMissingSecrets,
    is_system_action: false,
  };
}

function ruleInput(body: CreateRuleBody | UpdateRuleBody) {
  return {
    name: body.name,
    tags: body.tags ?? [],
    schedule: body.schedule,
    params: body.params,
    notifyWhen: body.notify_when ?? null,
    throttle: body.throttle ?? null,
    actions: (body.actions ?? []).map((action) => ({
      group: action.group ?? 'default',
      id: action.id,
      params: action.params,
      ...(action.uuid === undefined ? {} : { uuid: action.uuid }),
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

const RULE_TYPE_FILTER = /^alert\.attributes\.alertTypeId:\s*"?([\w.:-]+)"?$/;

export function registerAlertingRoutes(router: KibanaRouter): void {
  const ctx = (context: unknown) => context as AlertingRequestContext;
  const publicOptions = { access: 'public' as const };

  router.post(
    {
      path: '/api/alerting/rule',
      security: DELEGATED,
      options: publicOptions,
      validate: { body: validation(CreateRuleBody) },
    },
    (context, request, response) =>
      answer(response, async () => {
        const body = request.body as CreateRuleBody;
        const rule = await ctx(context)
          .alerting.getRulesClient()
          .create({
            ...ruleInput(body),
            ruleTypeId: body.rule_type_id,
            consumer: body.consumer,
            enabled: body.enabled ?? true,
          });
        return response.ok({ body: ruleToHttp(rule) });
      })
  );
  router.put(
    {
      path: '/api/alerting/rule/{id}',
      security: DELEGATED,
      options: publicOptions,
      validate: { params: validation(IdParams), body: validation(UpdateRuleBody) },
    },
    (context, request, response) =>
      answer(response, async () => {
        const { id } = request.params as { id: string };
        return response.ok({
          body: ruleToHttp(
            await ctx(context)
              .alerting.getRulesClient()
              .update(id, ruleInput(request.body as UpdateRuleBody))
          ),
        });
      })
  );
  router.get(
    {
      path: '/api/alerting/rule/{id}',
      security: DELEGATED,
      options: publicOptions,
      validate: { params: validation(IdParams) },
    },
    (context, request, response) =>
      answer(response, async () =>
        response.ok({
          body: ruleToHttp(
            await ctx(context)
              .alerting.getRulesClient()
              .get((request.params as { id: string }).id)
          ),
        })
      )
  );
  router.get(
    {
      path: '/api/alerting/rules/_find',
      security: DELEGATED,
      options: publicOptions,
      validate: { query: validation(FindRulesQuery) },
    },
    (context, request, response) =>
      answer(response, async () => {
        const query = request.query as t.TypeOf<typeof FindRulesQuery>;
        let ruleTypeIds: string[] | undefined;
        if (query.filter !== undefined) {
          ruleTypeIds = query.filter.split(/\s+or\s+/i).map((part) => {
            const match = RULE_TYPE_FILTER.exec(part.trim().replace(/^\(|\)$/g, ''));
            if (match === null)
              throw new HostHttpError(
                400,
                `[request query]: [filter] the dev host understands only alert.attributes.alertTypeId:<id> joined by OR, got ${JSON.stringify(
                  part.slice(0, 80)
                )}`
              );
            return match[1]!;
          });
        }
        const perPage = Number(query.per_page ?? 10);
        if (perPage > 10_000)
          throw new HostHttpError(400, '[request query]: [per_page] must be at most 10000');
        const found = await ctx(context)
          .alerting.getRulesClient()
          .find({ page: Number(query.page ?? 1), perPage, search: query.search, ruleTypeIds });
        return response.ok({
          body: {
            page: found.page,
            per_page: found.perPage,
            total: found.total,
            data: found.data.map(ruleToHttp),
          },
        });
      })
  );
  router.delete(
    {
      path: '/api/alerting/rule/{id}',
      security: DELEGATED,
      options: publicOptions,
      validate: { params: validation(IdParams) },
    },
    (context, request, response) =>
      answer(response, async () => {
        await ctx(context)
          .alerting.getRulesClient()
          .delete((request.params as { id: string }).id);
        return response.noContent();
      })
  );
  router.post(
    {
      path: '/api/alerting/rule/{id}/_enable',
      security: DELEGATED,
      options: publicOptions,
      validate: { params: validation(IdParams) },
    },
    (context, request, response) =>
      answer(response, async () => {
        await ctx(context)
          .alerting.getRulesClient()
          .enable((request.params as { id: string }).id);
        return response.noContent();
      })
  );
  router.post(
    {
      path: '/api/alerting/rule/{id}/_disable',
      security: DELEGATED,
      options: publicOptions,
      validate: { params: validation(IdParams), body: validation(DisableRuleBody) },
    },
    (context, request, response) =>
      answer(response, async () => {
        const body = request.body as DisableRuleBody;
        await ctx(context)
          .alerting.getRulesClient()
          .disable((request.params as { id: string }).id, body?.untrack === true);
        return response.noContent();
      })
  );
  router.post(
    {
      path: '/api/alerting/rule/{id}/_run_soon',
      security: DELEGATED,
      options: publicOptions,
      validate: { params: validation(IdParams) },
    },
    (context, request, response) =>
      answer(response, async () => {
        const message = await ctx(context)
          .alerting.getRulesClient()
          .runSoon((request.params as { id: string }).id);
        return message === undefined ? response.noContent() : response.ok({ body: message });
      })
  );

  router.get(
    {
      path: '/api/alerting/rule_types',
      security: DELEGATED,
      options: publicOptions,
      validate: false,
    },
    (context, _request, response) =>
      answer(response, async () => response.ok({ body: ctx(context).alerting.listRuleTypes() }))
  );

  // Connectors.
  router.post(
    {
      path: '/api/actions/connector',
      security: DELEGATED,
      options: publicOptions,
      validate: { body: validation(CreateConnectorBody) },
    },
    (context, request, response) =>
      answer(response, async () => {
        const body = request.body as t.TypeOf<typeof CreateConnectorBody>;
        const connector = await ctx(context)
          .actions.getActionsClient()
          .create({
            name: body.name,
            actionTypeId: body.connector_type_id,
            config: body.config ?? {},
            secrets: body.secrets ?? {},
          });
        return response.ok({ body: connectorToHttp(connector) });
      })
  );
  router.get(
    {
      path: '/api/actions/connectors',
      security: DELEGATED,
      options: publicOptions,
      validate: false,
    },
    (context, _request, response) =>
      answer(response, async () => {
        const connectors = await ctx(context).actions.getActionsClient().getAll();
        return response.ok({
          body: connectors.map((connector) => ({
            ...connectorToHttp(connector),
            referenced_by_count: 0,
          })),
        });
      })
  );
  router.get(
    {
      path: '/api/actions/connector/{id}',
      security: DELEGATED,
      options: publicOptions,
      validate: { params: validation(IdParams) },
    },
    (context, request, response) =>
      answer(response, async () =>
        response.ok({
          body: connectorToHttp(
            await ctx(context)
              .actions.getActionsClient()
              .get((request.params as { id: string }).id)
          ),
        })
      )
  );
  router.delete(
    {
      path: '/api/actions/connector/{id}',
      security: DELEGATED,
      options: publicOptions,
      validate: { params: validation(IdParams) },
    },
    (context, request, response) =>
      answer(response, async () => {
        await ctx(context)
          .actions.getActionsClient()
          .delete((request.params as { id: string }).id);
        return response.noContent();
      })
  );
  router.post(
    {
      path: '/api/actions/connector/{id}/_execute',
      security: DELEGATED,
      options: publicOptions,
      validate: { params: validation(IdParams), body: validation(ExecuteConnectorBody) },
    },
    (context, request, response) =>
      answer(response, async () => {
        const { id } = request.params as { id: string };
        const result = await ctx(context)
          .actions.getActionsClient()
          .execute(id, (request.body as { params: unknown }).params);
        return response.ok({
          body: {
            connector_id: id,
            status: result.status,
            ...(result.message === undefined ? {} : { message: result.message }),
            ...(result.serviceMessage === undefined
              ? {}
              : { service_message: result.serviceMessage }),
            ...(result.data === undefined ? {} : { data: result.data }),
          },
        });
      })
  );
}
