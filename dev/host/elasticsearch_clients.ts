import { Client } from '@elastic/elasticsearch';
import { KIBANA_IDENTITY, basicAuthorization } from '../es/security';

/**
 * The host's Elasticsearch clients, as Kibana's: `asInternalUser` authenticates as Kibana's
 * own identity and `asCurrentUser` as the user of the request. Without security both are one
 * unauthenticated client, as before.
 */
export class ElasticsearchClients {
  readonly internal: Client;
  private readonly perUser = new Map<string, Client>();

  constructor(node: string, private readonly security: boolean) {
    this.internal = new Client({
      node,
      requestTimeout: 30_000,
      ...(security ? { auth: { ...KIBANA_IDENTITY } } : {}),
    });
  }

  /** The client that runs as `user` (the dev user's name and password are its Elasticsearch user's). */
  asUser(user: { username: string; password: string }): Client {
    if (!this.security) return this.internal;
    let client = this.perUser.get(user.username);
    if (client === undefined) {
      client = this.internal.child({ headers: { authorization: basicAuthorization(user) } });
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
      // Without a header the request must not borrow Kibana's identity.
      client = this.internal.child({ headers: { authorization: header ?? 'Basic Og==' } });
      if (this.perUser.size < 100) this.perUser.set(key, client);
    }
    return client;
  }

  close(): Promise<void> {
    return this.internal.close();
  }
}
