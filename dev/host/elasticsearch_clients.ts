import { Client } from '@elastic/elasticsearch';
import { KIBANA_IDENTITY, basicAuthorization } from '../es/security';

/**
 * The host's Elasticsearch clients, as Kibana's: `asInternalUser` authenticates as Kibana's
 * own identity and `asCurrentUser` as the user of the request. Without security both are one
 * unauthenticated client, as before.
 */
export class ElasticsearchClients {
  readonly internal: Client;
  /**
   * As Kibana's `rootScopedClient` (src/core/packages/elasticsearch/client-server-internal/src/
   * cluster_client.ts): the scoped clients are children of a client configured without
   * credentials, so a request without an `authorization` header reaches Elasticsearch without
   * one, never with Kibana's.
   */
  private readonly scopedRoot: Client;
  private readonly perUser = new Map<string, Client>();

  constructor(node: string, private readonly security: boolean) {
    this.internal = new Client({
      node,
      requestTimeout: 30_000,
      ...(security ? { auth: { ...KIBANA_IDENTITY } } : {}),
    });
    this.scopedRoot = security ? new Client({ node, requestTimeout: 30_000 }) : this.internal;
  }

  /** The client that runs as `user` (the dev user's name and password are its Elasticsearch user's). */
  asUser(user: { username: string; password: string }): Client {
    if (!this.security) return this.internal;
    let client = this.perUser.get(user.username);
    if (client === undefined) {
      client = this.scopedRoot.child({ headers: { authorization: basicAuthorization(user) } });
      this.perUser.set(user.username, client);
    }
    return client;
  }

  /** The client that sends this `authorization` header (a plugin's FakeRequest); none → anonymous. */
  asAuthorization(authorization: string | string[] | undefined): Client {
    const header = typeof authorization === 'string' ? authorization : undefined;
    if (!this.security) return this.internal;
    const key = `header:${header ?? ''}`;
    let client = this.perUser.get(key);
    if (client === undefined) {
      client = this.scopedRoot.child({
        headers: header === undefined ? {} : { authorization: header },
      });
      if (this.perUser.size < 100) this.perUser.set(key, client);
    }
    return client;
  }

  async close(): Promise<void> {
    await Promise.all([
      this.internal.close(),
      ...(this.scopedRoot === this.internal ? [] : [this.scopedRoot.close()]),
    ]);
  }
}
