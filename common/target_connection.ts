import * as t from 'io-ts';
import { keyOf, printableString, strictObject, strictObjectWithOptional } from './codecs';

/**
 * How the Kibana server authenticates to a target and trusts it: the shape of Metricbeat's
 * `username`/`password`, `headers` and `ssl.*`, and of Prometheus' `basic_auth`,
 * `authorization` and `tls_config`. Secrets are write-only: the API never returns them,
 * only `has_password`, `has_token`, `has_value` and `has_key`.
 */

const MAX_SECRET = 4096;
const MAX_PEM = 64 * 1024;
export const MAX_HEADERS = 20;

function secretString(name: string, maxLength: number) {
  return new t.Type<string, string, unknown>(
    name,
    (u): u is string =>
      typeof u === 'string' && u.length > 0 && u.length <= maxLength && !/[\r\n\0]/.test(u),
    (u, c) => {
      if (typeof u !== 'string' || u.length === 0)
        return t.failure(u, c, `[${keyOf(c)}] must be a non-empty string`);
      if (u.length > maxLength)
        return t.failure(u, c, `[${keyOf(c)}] must be at most ${maxLength} characters`);
      // Said without the value: it is a secret.
      if (/[\r\n\0]/.test(u))
        return t.failure(u, c, `[${keyOf(c)}] must not contain line breaks or NUL`);
      return t.success(u);
    },
    t.identity
  );
}

const Pem = (label: string) =>
  new t.Type<string, string, unknown>(
    'Pem',
    (u): u is string =>
      typeof u === 'string' && u.length <= MAX_PEM && u.includes(`-----BEGIN ${label}`),
    (u, c) => {
      if (typeof u !== 'string' || u.length > MAX_PEM)
        return t.failure(
          u,
          c,
          `[${keyOf(c)}] must be a PEM string of at most ${MAX_PEM} characters`
        );
      // A key is "PRIVATE KEY", "EC PRIVATE KEY" or "RSA PRIVATE KEY"; the label's tail is checked.
      if (!new RegExp(`-----BEGIN [A-Z ]*${label}-----`).test(u))
        return t.failure(u, c, `[${keyOf(c)}] must be PEM (-----BEGIN ...${label}-----)`);
      return t.success(u);
    },
    t.identity
  );

export const Username = printableString('Username', 256);
export const Password = secretString('Password', MAX_SECRET);
export const Token = secretString('Token', MAX_SECRET);

/** In a request: a secret left out of an update keeps the stored one. */
export const AuthRequest = t.union(
  [
    strictObject({ type: t.literal('none') }, 'NoAuth'),
    strictObjectWithOptional(
      { type: t.literal('basic'), username: Username },
      { password: Password },
      'BasicAuth'
    ),
    strictObjectWithOptional({ type: t.literal('bearer') }, { token: Token }, 'BearerAuth'),
  ],
  'Auth'
);
export type AuthRequest = t.TypeOf<typeof AuthRequest>;

// RFC 9110 token characters; headers the HTTP client owns, or that `auth` sets, are refused.
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,128}$/;
const RESERVED_HEADERS = new Set([
  'host',
  'content-length',
  'transfer-encoding',
  'connection',
  'authorization',
  'accept',
  'user-agent',
  'keep-alive',
  'upgrade',
  'te',
  'trailer',
  'proxy-authorization',
]);

/** `{"X-Api-Key": "secret"}`; in an update, `null` keeps that header's stored value. */
export const HeadersRequest = new t.Type<
  Record<string, string | null>,
  Record<string, string | null>,
  unknown
>(
  'Headers',
  (u): u is Record<string, string | null> =>
    typeof u === 'object' && u !== null && !Array.isArray(u),
  (u, c) => {
    if (typeof u !== 'object' || u === null || Array.isArray(u))
      return t.failure(u, c, `[${keyOf(c)}] must be an object of header names to values`);
    const entries = Object.entries(u as Record<string, unknown>);
    if (entries.length > MAX_HEADERS)
      return t.failure(u, c, `[${keyOf(c)}] takes at most ${MAX_HEADERS} headers`);
    const seen = new Set<string>();
    for (const [name, value] of entries) {
      if (!HEADER_NAME.test(name))
        return t.failure(
          u,
          c,
          `[${keyOf(c)}] header name ${JSON.stringify(
            name.slice(0, 130)
          )} is not a valid HTTP header name`
        );
      const lower = name.toLowerCase();
      if (RESERVED_HEADERS.has(lower))
        return t.failure(
          u,
          c,
          `[${keyOf(c)}] header ${name} is set by the scraper${
            lower === 'authorization' ? '; use auth instead' : ''
          }`
        );
      if (seen.has(lower)) return t.failure(u, c, `[${keyOf(c)}] header ${name} is given twice`);
      seen.add(lower);
      if (value !== null && !Token.is(value))
        return t.failure(
          u,
          c,
          `[${keyOf(
            c
          )}.${name}] must be a non-empty value of at most ${MAX_SECRET} characters without line breaks, or null to keep the stored one`
        );
    }
    return t.success(u as Record<string, string | null>);
  },
  t.identity
);
export type HeadersRequest = t.TypeOf<typeof HeadersRequest>;

export const VerificationMode = t.keyof(
  { full: null, certificate: null, none: null },
  '"full", "certificate" or "none"'
);
export type VerificationMode = t.TypeOf<typeof VerificationMode>;

/** Elastic's `ssl.*`: `full` checks the chain and the name, `certificate` only the chain, `none` nothing. */
export const TlsRequest = strictObjectWithOptional(
  { verification_mode: VerificationMode },
  { ca: Pem('CERTIFICATE'), certificate: Pem('CERTIFICATE'), key: Pem('PRIVATE KEY') },
  'Tls'
);
export type TlsRequest = t.TypeOf<typeof TlsRequest>;
/** `null` in an update removes the TLS settings (default verification, system CAs, no client certificate). */
export const TlsRequestOrNone = new t.Type<TlsRequest | null, TlsRequest | null, unknown>(
  'Tls',
  (u): u is TlsRequest | null => u === null || TlsRequest.is(u),
  // Not a union: a wrong object reports only what is wrong in it, not also "expected null".
  (u, c) => (u === null ? t.success(null) : TlsRequest.validate(u, c)),
  t.identity
);
export type TlsRequestOrNone = t.TypeOf<typeof TlsRequestOrNone>;

/** Stored in clear: everything but the secrets. */
export const StoredAuth = t.union([
  strictObject({ type: t.literal('none') }, 'NoAuth'),
  strictObject({ type: t.literal('basic'), username: Username }, 'BasicAuth'),
  strictObject({ type: t.literal('bearer') }, 'BearerAuth'),
]);
export type StoredAuth = t.TypeOf<typeof StoredAuth>;
export const StoredTls = strictObjectWithOptional(
  { verification_mode: VerificationMode },
  { ca: t.string, certificate: t.string },
  'StoredTls'
);
export type StoredTls = t.TypeOf<typeof StoredTls>;

/** The one encrypted attribute of a target (encrypted saved objects encrypt whole attributes). */
export const TargetSecrets = t.partial({
  password: t.string,
  token: t.string,
  headers: t.record(t.string, t.string),
  key: t.string,
});
export type TargetSecrets = t.TypeOf<typeof TargetSecrets>;

/** In responses: what is set, never a secret. */
export const AuthView = t.union([
  t.type({ type: t.literal('none') }),
  t.type({ type: t.literal('basic'), username: t.string, has_password: t.boolean }),
  t.type({ type: t.literal('bearer'), has_token: t.boolean }),
]);
export type AuthView = t.TypeOf<typeof AuthView>;
export const HeadersView = t.record(t.string, t.type({ has_value: t.boolean }));
export type HeadersView = t.TypeOf<typeof HeadersView>;
export const TlsView = t.intersection([
  t.type({ verification_mode: VerificationMode, has_key: t.boolean }),
  t.partial({ ca: t.string, certificate: t.string }),
]);
export type TlsView = t.TypeOf<typeof TlsView>;
