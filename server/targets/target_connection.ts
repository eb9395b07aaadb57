import { left, mapLeft, right, type Either } from 'fp-ts/Either';
import type {
  AuthRequest,
  AuthView,
  HeadersRequest,
  HeadersView,
  StoredAuth,
  StoredTls,
  TargetSecrets,
  TlsRequestOrNone,
  TlsView,
} from '../../common/target_connection';
import type { TargetAttributes } from '../../common/targets';
import { scrapeError, type ScrapeError } from '../scrape/scrape_error';

/** What a request says about auth, headers and TLS. */
export interface ConnectionRequest {
  readonly auth?: AuthRequest;
  readonly headers?: HeadersRequest;
  /** Left out: the stored TLS settings stay; `null`: they are removed. */
  readonly tls?: TlsRequestOrNone;
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
  // Left out, every stored header stays; by its stored name, so that a header whose value is
  // missing (an imported target) is reported rather than silently dropped.
  const headerEntries: Array<[string, string | null]> =
    request.headers === undefined
      ? (previous?.header_names ?? Object.keys(storedHeaders)).map((name) => [name, null])
      : Object.entries(request.headers);
  const headers: Record<string, string> = {};
  for (const [name, value] of headerEntries) {
    const kept = value ?? storedHeaders[name];
    if (kept === undefined)
      return left(`[headers.${name}] has no stored value to keep; give the value`);
    headers[name] = kept;
  }
  if (headerEntries.length > 0) secrets.headers = headers;

  let tls: StoredTls | undefined;
  const tlsRequest = request.tls === undefined ? previous?.tls : request.tls;
  if (tlsRequest !== undefined && tlsRequest !== null) {
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

/**
 * `resolveConnection` for a target that moves to (or is tested against) `url`. Stored secrets
 * go only to the origin they were entered for: otherwise anyone allowed to edit a target could
 * point it at a server of their own and receive its password, token, header values or key.
 * Elsewhere they must be given again, and the refusal says why.
 */
export function resolveConnectionAt(
  url: string,
  request: ConnectionRequest,
  previous?: StoredConnection & { readonly url: string }
): Either<string, StoredConnection> {
  if (previous === undefined) return resolveConnection(request);
  const from = originOf(previous.url);
  const to = originOf(url);
  if (from !== undefined && from === to) return resolveConnection(request, previous);
  const { secrets: _notSentElsewhere, ...clear } = previous;
  return mapLeft(
    (message: string) =>
      `${message}: stored secrets are sent only to ${
        from ?? previous.url
      }; give them again to use ${to ?? url}`
  )(resolveConnection(request, clear));
}

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

/** Whether storing this needs encryption (and so an encryption key). */
export function hasSecrets(connection: StoredConnection): boolean {
  return connection.secrets !== undefined && Object.keys(connection.secrets).length > 0;
}

/**
 * Whether a target's clear attributes name secrets (a password, a token, header values, a TLS
 * key): what an export cannot carry.
 */
export function namesSecrets(attributes: TargetAttributes): boolean {
  return (
    attributes.auth?.type === 'basic' ||
    attributes.auth?.type === 'bearer' ||
    (attributes.header_names ?? []).length > 0 ||
    attributes.tls?.certificate !== undefined
  );
}

/**
 * The API's view: what is set, never a secret. An ordinary read cannot see the encrypted
 * attribute, so a secret counts as stored unless the target is marked as imported without them.
 */
export function connectionView(attributes: TargetAttributes): {
  auth: AuthView;
  headers: HeadersView;
  tls?: TlsView;
  missing_secrets?: true;
} {
  const stored = attributes.missing_secrets !== true;
  const auth = attributes.auth ?? { type: 'none' as const };
  const authView: AuthView =
    auth.type === 'basic'
      ? { type: 'basic', username: auth.username, has_password: stored }
      : auth.type === 'bearer'
      ? { type: 'bearer', has_token: stored }
      : { type: 'none' };
  const headers: HeadersView = Object.fromEntries(
    (attributes.header_names ?? []).map((name) => [name, { has_value: stored }])
  );
  const tls = attributes.tls;
  return {
    auth: authView,
    headers,
    ...(tls === undefined
      ? {}
      : { tls: { ...tls, has_key: stored && tls.certificate !== undefined } }),
    ...(stored ? {} : { missing_secrets: true as const }),
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

/**
 * What a scrape sends, or, where the clear attributes name a secret that is not stored (a
 * target imported without its secrets), the error the scrape reports instead of sending
 * anything: class `auth` for a password, token or header value, `tls` for a client key.
 */
export function scrapeConnection(
  attributes: TargetAttributes
): Either<ScrapeError, ScrapeConnection> {
  const secrets = attributes.secrets ?? {};
  const why =
    attributes.missing_secrets === true
      ? 'the target was imported, and an import never carries secrets'
      : 'it is not stored';
  const missing = (kind: 'auth' | 'tls', what: string) =>
    left(
      scrapeError(
        kind,
        `Not scraped: the ${what} is missing (${why}); enter it again in the target's settings (or PUT /api/go_runtime/targets/{id} with it). Nothing was sent to the target.`
      )
    );
  const headers: Record<string, string> = {};
  for (const name of attributes.header_names ?? []) {
    const value = secrets.headers?.[name];
    if (value === undefined) return missing('auth', `value of header ${name}`);
    headers[name] = value;
  }
  const auth = attributes.auth;
  if (auth?.type === 'basic') {
    if (secrets.password === undefined) return missing('auth', 'password');
    headers.authorization = `Basic ${Buffer.from(
      `${auth.username}:${secrets.password}`,
      'utf8'
    ).toString('base64')}`;
  } else if (auth?.type === 'bearer') {
    if (secrets.token === undefined) return missing('auth', 'bearer token');
    headers.authorization = `Bearer ${secrets.token}`;
  }
  const tls = attributes.tls;
  if (tls === undefined) return right({ headers });
  if (tls.certificate !== undefined && secrets.key === undefined)
    return missing('tls', 'TLS client key');
  return right({
    headers,
    tls: {
      verificationMode: tls.verification_mode,
      ...(tls.ca === undefined ? {} : { ca: tls.ca }),
      ...(tls.certificate === undefined ? {} : { certificate: tls.certificate, key: secrets.key! }),
    },
  });
}
