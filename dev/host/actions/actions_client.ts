import type { ActionType, ActionTypeExecutorResult } from '@kbn/actions-plugin/server';
import type {
  ElasticsearchClient,
  Logger,
  SavedObjectsClientContract,
  SavedObjectsType,
} from '@kbn/core/server';
import { SavedObjectsErrorHelpers } from '@kbn/core/server';
import { HostHttpError } from '../http/host_http_error';
import type { SecretsCipher } from './secrets_cipher';

/** Kibana's connector saved object type (x-pack/platform/plugins/shared/actions/server/constants/saved_objects.ts). */
export const CONNECTOR_SAVED_OBJECT_TYPE = 'action';
const MAX_CONNECTORS = 1_000;

export const connectorSavedObjectType: SavedObjectsType = {
  name: CONNECTOR_SAVED_OBJECT_TYPE,
  hidden: true,
  namespaceType: 'multiple-isolated',
  mappings: {
    dynamic: false,
    properties: {
      name: { type: 'keyword' },
      actionTypeId: { type: 'keyword' },
      isMissingSecrets: { type: 'boolean' },
    },
  },
};

interface ConnectorAttributes {
  name: string;
  actionTypeId: string;
  isMissingSecrets: boolean;
  config: Record<string, unknown>;
  /** AES-256-GCM, see ./secrets_cipher. */
  secrets: string;
}

export interface Connector {
  id: string;
  name: string;
  actionTypeId: string;
  config: Record<string, unknown>;
  isMissingSecrets: boolean;
}

/** The caller's rights on connectors: Kibana's "Actions and Connectors" feature privilege. */
export type ConnectorsPrivilege = 'all' | 'read' | 'none';

/** Kibana's ActionsClient, trimmed to create, get, list, delete and execute. */
export class ActionsClient {
  constructor(
    private readonly deps: {
      savedObjects: SavedObjectsClientContract;
      types: ReadonlyMap<string, ActionType>;
      cipher: SecretsCipher;
      esClient: ElasticsearchClient;
      logger: Logger;
      privilege: ConnectorsPrivilege;
    }
  ) {}

  private authorize(needed: 'all' | 'read', operation: string): void {
    const { privilege } = this.deps;
    if (privilege === 'all' || (needed === 'read' && privilege === 'read')) return;
    throw new HostHttpError(403, `Unauthorized to ${operation} actions`);
  }

  private typeOf(actionTypeId: string): ActionType {
    const type = this.deps.types.get(actionTypeId);
    if (type === undefined)
      throw new HostHttpError(400, `Action type "${actionTypeId}" is not registered.`);
    return type;
  }

  async create(input: {
    name: string;
    actionTypeId: string;
    config: unknown;
    secrets: unknown;
  }): Promise<Connector> {
    this.authorize('all', 'create');
    const type = this.typeOf(input.actionTypeId);
    const config = validated(
      () => type.validate.config.schema.validate(input.config),
      'config'
    ) as Record<string, unknown>;
    const secrets = validated(
      () => type.validate.secrets.schema.validate(input.secrets),
      'secrets'
    ) as Record<string, unknown>;
    const id = crypto.randomUUID();
    const attributes: ConnectorAttributes = {
      name: input.name,
      actionTypeId: input.actionTypeId,
      isMissingSecrets: false,
      config,
      secrets: this.deps.cipher.encrypt(secrets, id),
    };
    await this.deps.savedObjects.create(CONNECTOR_SAVED_OBJECT_TYPE, attributes, { id });
    return {
      id,
      name: input.name,
      actionTypeId: input.actionTypeId,
      config,
      isMissingSecrets: false,
    };
  }

  async get(id: string): Promise<Connector> {
    this.authorize('read', 'get');
    return toConnector(await this.load(id));
  }

  async getAll(): Promise<Connector[]> {
    this.authorize('read', 'get');
    const found = await this.deps.savedObjects.find<ConnectorAttributes>({
      type: CONNECTOR_SAVED_OBJECT_TYPE,
      perPage: MAX_CONNECTORS,
      sortField: 'name',
    });
    return found.saved_objects.map((object) =>
      toConnector({ id: object.id, attributes: object.attributes })
    );
  }

  async delete(id: string): Promise<void> {
    this.authorize('all', 'delete');
    await this.load(id);
    await this.deps.savedObjects.delete(CONNECTOR_SAVED_OBJECT_TYPE, id);
  }

  /** `POST /api/actions/connector/{id}/_execute`, and each action a rule schedules. */
  async execute(id: string, params: unknown): Promise<ActionTypeExecutorResult> {
    this.authorize('all', 'execute');
    return this.executeUnchecked(id, params);
  }

  /** For rule actions, authorized when the rule was saved (Kibana runs them with the rule's API key). */
  async executeUnchecked(id: string, params: unknown): Promise<ActionTypeExecutorResult> {
    const loaded = await this.load(id);
    const type = this.typeOf(loaded.attributes.actionTypeId);
    let validParams: Record<string, unknown>;
    try {
      validParams = type.validate.params.schema.validate(params) as Record<string, unknown>;
    } catch (error) {
      return {
        actionId: id,
        status: 'error',
        message: `error validating action params: ${(error as Error).message}`,
        retry: false,
      };
    }
    const secrets = this.deps.cipher.decrypt(loaded.attributes.secrets, id);
    try {
      return await type.executor({
        actionId: id,
        config: loaded.attributes.config,
        secrets,
        params: validParams,
        logger: this.deps.logger.get(type.id.replace(/^\./, '')),
        services: { scopedClusterClient: this.deps.esClient },
      });
    } catch (error) {
      return {
        actionId: id,
        status: 'error',
        message: `an error occurred while running the action: ${(error as Error).message}`,
      };
    }
  }

  private async load(id: string): Promise<{ id: string; attributes: ConnectorAttributes }> {
    try {
      const object = await this.deps.savedObjects.get<ConnectorAttributes>(
        CONNECTOR_SAVED_OBJECT_TYPE,
        id
      );
      return { id, attributes: object.attributes };
    } catch (error) {
      if (SavedObjectsErrorHelpers.isNotFoundError(error as Error))
        throw new HostHttpError(404, `Saved object [action/${id}] not found`);
      throw error;
    }
  }
}

function validated<T>(validate: () => T, what: string): T {
  try {
    return validate();
  } catch (error) {
    throw new HostHttpError(
      400,
      `error validating action type ${what}: ${(error as Error).message}`
    );
  }
}

function toConnector(object: { id: string; attributes: ConnectorAttributes }): Connector {
  const { name, actionTypeId, config, isMissingSecrets } = object.attributes;
  return { id: object.id, name, actionTypeId, config, isMissingSecrets };
}
