import type { Client } from '@elastic/elasticsearch';

/**
 * A rule's API key, as Kibana's alerting keeps it: granted by Kibana's own identity for the
 * user who creates, updates or enables the rule (rules_client_factory.ts `createAPIKey`, which
 * calls security's `grantAsInternalUser` with the request; rules_client/lib/create_new_api_key_set.ts),
 * stored as `base64(id:api_key)` in the rule's encrypted `apiKey` attribute
 * (rules_client/common/api_key_as_alert_attributes.ts), and sent by the rule's task as
 * `Authorization: ApiKey <apiKey>` on a fake request (task_runner/rule_loader.ts
 * `getFakeKibanaRequest`), so the executor's `asCurrentUser` has the creator's privileges.
 */
export interface RuleApiKeys {
  /** Grants a key for `username` with that user's credentials, as Kibana's identity. */
  grantAsInternalUser(username: string, name: string): Promise<{ id: string; api_key: string }>;
  /** Invalidates keys as Kibana's identity (the kibana_system role may, the keys being users'). */
  invalidateAsInternalUser(ids: readonly string[]): Promise<void>;
  /** The client whose requests authenticate with the rule's key; null: with no credentials. */
  asApiKey(apiKey: string | null): Client;
}

/** The rule attributes an API key sets (Kibana's apiKeyAsAlertAttributes). */
export interface RuleApiKeyAttributes {
  apiKey: string | null;
  apiKeyOwner: string | null;
}

/** Kibana's generateAPIKeyName (rules_client/common/generate_api_key_name.ts): `Alerting: <rule type>/<rule name>`, at most 256 characters. */
export function ruleApiKeyName(ruleTypeId: string, ruleName: string): string {
  const name = `Alerting: ${ruleTypeId}/${ruleName.trim()}`;
  return name.length <= 256 ? name : `${name.slice(0, 253)}...`;
}

export function encodeRuleApiKey(key: { id: string; api_key: string }): string {
  return Buffer.from(`${key.id}:${key.api_key}`).toString('base64');
}

/** The key's id from its stored form, for invalidation; undefined when it is not `id:secret`. */
export function ruleApiKeyId(apiKey: string): string | undefined {
  const decoded = Buffer.from(apiKey, 'base64').toString('utf8');
  const separator = decoded.indexOf(':');
  return separator > 0 ? decoded.slice(0, separator) : undefined;
}

/**
 * The dev host's implementation against the secured dev cluster: `internal` authenticates as
 * kibana_system (which has `grant_api_key`), and `passwordOf` stands in for the request's
 * credentials, which Kibana forwards as the grant's `password` grant type for a basic-auth user.
 */
export function createRuleApiKeys(deps: {
  internal: Client;
  passwordOf: (username: string) => string;
  asAuthorization: (header: string | undefined) => Client;
}): RuleApiKeys {
  return {
    async grantAsInternalUser(username, name) {
      const granted = await deps.internal.security.grantApiKey({
        grant_type: 'password',
        username,
        password: deps.passwordOf(username),
        // role_descriptors {}: the key has the user's privileges, as Kibana grants rule keys.
        api_key: {
          name,
          role_descriptors: {},
          metadata: { managed: true, kibana: { type: 'alerting_rule' } },
        },
      });
      return { id: granted.id, api_key: granted.api_key };
    },
    async invalidateAsInternalUser(ids) {
      if (ids.length === 0) return;
      await deps.internal.security.invalidateApiKey({ ids: [...ids] });
    },
    asApiKey: (apiKey) => deps.asAuthorization(apiKey === null ? undefined : `ApiKey ${apiKey}`),
  };
}
