/**
 * The slice of `@kbn/actions-plugin/server` (Kibana 9.x) the dev host's connectors use.
 * Shapes mirror x-pack/platform/plugins/shared/actions/server/types.ts and
 * x-pack/platform/plugins/shared/actions/common/types.ts (`ActionTypeExecutorResult`); the
 * plugin itself registers no connector type.
 */
import type { ElasticsearchClient, Logger } from '@kbn/core/server';

/** Mirrors `ActionTypeExecutorResult` in x-pack/platform/plugins/shared/actions/common/types.ts. */
export interface ActionTypeExecutorResult<Data = unknown> {
  actionId: string;
  status: 'ok' | 'error';
  message?: string;
  serviceMessage?: string;
  data?: Data;
  retry?: null | boolean | Date;
}

/** Mirrors `ActionTypeExecutorOptions` in x-pack/platform/plugins/shared/actions/server/types.ts (a subset). */
export interface ActionTypeExecutorOptions<Config, Secrets, Params> {
  actionId: string;
  config: Config;
  secrets: Secrets;
  params: Params;
  logger: Logger;
  services: { scopedClusterClient: ElasticsearchClient };
}

/** Mirrors `ValidatorType` in x-pack/platform/plugins/shared/actions/server/types.ts: throws on invalid input. */
export interface ValidatorType<T> {
  schema: { validate(value: unknown): T };
}

/** Mirrors `ActionType` in x-pack/platform/plugins/shared/actions/server/types.ts (a subset). */
export interface ActionType<
  Config = Record<string, unknown>,
  Secrets = Record<string, unknown>,
  Params = Record<string, unknown>
> {
  id: string;
  name: string;
  minimumLicenseRequired: 'basic' | 'gold' | 'platinum' | 'enterprise';
  supportedFeatureIds: string[];
  validate: {
    config: ValidatorType<Config>;
    secrets: ValidatorType<Secrets>;
    params: ValidatorType<Params>;
  };
  executor: (
    options: ActionTypeExecutorOptions<Config, Secrets, Params>
  ) => Promise<ActionTypeExecutorResult>;
}

/** Mirrors `ActionsApiRequestHandlerContext` in x-pack/platform/plugins/shared/actions/server/types.ts. */
export interface ActionsApiRequestHandlerContext {
  getActionsClient: () => unknown;
}
