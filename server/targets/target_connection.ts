import { left, right, type Either } from 'fp-ts/Either';
import type {
  AuthRequest,
  AuthView,
  HeadersRequest,
  HeadersView,
  StoredAuth,
  StoredTls,
  TargetSecrets,
  TlsRequest,
  TlsView,
} from '../../common/target_connection';
import type { TargetAttributes } from '../../common/targets';

/** What a request says about auth, headers and TLS. */
export interface ConnectionRequest {
  readonly auth?: AuthRequest;
  readonly headers?: HeadersRequest;
  readonly tls?: TlsRequest;
}

/** The stored form: the clear attributes and the one encrypted attribute. */
export interface StoredConnection {
  readonly auth?: StoredAuth;
  readonly header_names?: string[];
  readonly tls?: StoredTls;
  readonly secrets?: TargetSecrets;
}

/**
 * A request's connection settings → what is stored. A secret the request leaves out keeps the
 * stored one (`previous`, decrypted); on a create there is none, so it must be given.
 */
export function resolveConnection(
  request: ConnectionRequest,
  previous?: StoredConnection
): Either<string, StoredConnection> {
  const secrets: TargetSecrets = {};
  let auth: StoredAuth | undefined;
  const requested = request.auth ?? (previous?.auth === undefined ? undefined : previous.auth);
  if (requested === undefined || requested.type === 'none') {
    auth = requested === undefined ? undefined : { type: 'none' };
  } else if (requested.type === 'basic') {
    const password =
      (requested as { password?: string }).password ??
      (previous?.auth?.type === 'basic' ? previous.secrets?.password : undefined);
    if (password === undefined) return left('[auth.password] is required for basic authentication');
    auth = { type: 'basic', username: requested.username };
    secrets.password = password;
  } else {
    const token =
      (requested as { token?: string }).token ??
      (previous?.auth?.type === 'bearer' ? previous.secrets?.token : undefined);
    if (token === undefined) return left('[auth.token] is required for bearer authentication');
    auth = { type: 'bearer' };
    secrets.token = token;
  }

  const storedHeaders = previous?.secrets?.headers ?? {};
  const headerEntries =
    request.headers === undefined ? Object.entries(storedHeaders) : Object.entries(request.headers);
  const headers: Record<string, string> = {};
  for (const [name, value] of headerEntries) {
    const kept = value ?? storedHeaders[name];
    if (kept === undefined)
      return left(`[headers.${name}] has no stored value to keep; give the value`);
    headers[name] = kept;
  }
  if (headerEntries.length > 0) secrets.headers = headers;

  let tls: StoredTls | undefined;
  const tlsRequest = request.tls ?? previous?.tls;
  if (tlsRequest !== undefined) {
    const { verification_mode, ca, certificate } = tlsRequest;
    tls = {
      verification_mode,
      ...(ca === undefined ? {} : { ca }),
      ...(certificate === undefined ? {} : { certificate }),
    };
    const key = request.tls?.key ?? previous?.secrets?.key;
    if (certificate !== undefined && key === undefined)
      return left('[tls.key] is required with [tls.certificate]');
    if (certificate === undefined && request.tls?.key !== undefined)
      return left('[tls.key] needs [tls.certificate]');
    if (certificate !== undefined && key !== undefined) secrets.key = key;
  }

  return right({
    ...(auth === undefined ? {} : { auth }),
    header_names: Object.keys(headers),
    ...(tls === undefined ? {} : { tls }),
    ...(Object.keys(secrets).length === 0 ? {} : { secrets }),
  });
}

/** Whether storing this needs encryption (and so an encryption key). */
export function hasSecrets(connection: StoredConnection): boolean {
  return connection.secrets !== undefined && Object.keys(connection.secrets).length > 0;
}

/** The API's view: what is set, never a secret. */
export function connectionView(attributes: TargetAttributes): {
  auth: AuthView;
  headers: HeadersView;
  tls?: TlsView;
} {
  const auth = attributes.auth ?? { type: 'none' as const };
  const authView: AuthView =
    auth.type === 'basic'
      ? { type: 'basic', username: auth.username, has_password: true }
      : auth.type === 'bearer'
      ? { type: 'bearer', has_token: true }
      : { type: 'none' };
  const headers: HeadersView = Object.fromEntries(
    (attributes.header_names ?? []).map((name) => [name, { has_value: true }])
  );
  const tls = attributes.tls;
  return {
    auth: authView,
    headers,
    ...(tls === undefined ? {} : { tls: { ...tls, has_key: tls.certificate !== undefined } }),
  };
}

/** What a scrape sends and trusts, from a decrypted target. */
export interface ScrapeConnection {
  readonly headers: Readonly<Record<string, string>>;
  readonly tls?: {
    readonly verificationMode: 'full' | 'certificate' | 'none';
    readonly ca?: string;
    readonly certificate?: string;
    readonly key?: string;
  };
}

/** Undefined secrets where the clear attributes say there are some: the object cannot be scraped as configured. */
export function scrapeConnection(attributes: TargetAttributes): Either<string, ScrapeConnection> {
  const secrets = attributes.secrets ?? {};
  const headers: Record<string, string> = {};
  for (const name of attributes.header_names ?? []) {
    const value = secrets.headers?.[name];
    if (value === undefined)
      return left(`the stored value of header ${name} is missing; set it again`);
    headers[name] = value;
  }
  const auth = attributes.auth;
  if (auth?.type === 'basic') {
    if (secrets.password === undefined) return left('the stored password is missing; set it again');
    headers.authorization = `Basic ${Buffer.from(
      `${auth.username}:${secrets.password}`,
      'utf8'
    ).toString('base64')}`;
  } else if (auth?.type === 'bearer') {
    if (secrets.token === undefined) return left('the stored token is missing; set it again');
    headers.authorization = `Bearer ${secrets.token}`;
  }
  const tls = attributes.tls;
  if (tls === undefined) return right({ headers });
  if (tls.certificate !== undefined && secrets.key === undefined)
    return left('the stored TLS key is missing; set it again');
  return right({
    headers,
    tls: {
      verificationMode: tls.verification_mode,
      ...(tls.ca === undefined ? {} : { ca: tls.ca }),
      ...(tls.certificate === undefined ? {} : { certificate: tls.certificate, key: secrets.key! }),
    },
  });
}
