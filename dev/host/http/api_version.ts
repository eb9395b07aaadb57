import type { ApiVersion } from '@kbn/core/server';

/*
 * Kibana's HTTP API version negotiation, as its versioned router does it:
 * - src/core/packages/http/router-server-internal/src/versioned_router/route_version_utils.ts
 *   (elastic/kibana at 8137d1cdb0b7fa60624f5ecf6ea9fc21cbdebae4): header name, version formats
 *   and their refusal messages, the header read before the query parameter;
 * - .../versioned_router/core_versioned_route.ts (at 0198047a535e37cd913b5016c1f9f3b0aa709a2c):
 *   which version a request without the header gets, the 400 answers;
 * - .../versioned_router/handler_resolvers.ts (at 4b3b1680b3783df9fc9ba8bc4b1dd8722432acbe):
 *   "oldest" and "newest";
 * - src/core/packages/http/server-internal/src/http_config.ts (at
 *   457869aa16cfc7bd4e1b62aafc90ee5910dc7a1d): `server.versioned.versionResolution` defaults to
 *   "oldest".
 * The host runs as a production Kibana does: an internal route asked without a version gets
 * version 1 (a Kibana in dev mode answers 400 instead).
 */

export const ELASTIC_HTTP_VERSION_HEADER = 'elastic-api-version';
export const ELASTIC_HTTP_VERSION_QUERY_PARAM = 'apiVersion';
/** The one public version Kibana lets a route declare (refused otherwise in dev mode). */
export const BASE_PUBLIC_VERSION = '2023-10-31';

export type VersionResolution = 'oldest' | 'newest';
export type RouteAccess = 'public' | 'internal';

const PUBLIC_VERSION = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/;
const INTERNAL_VERSION = /^[1-9][0-9]*$/;

/** Kibana's refusal of a version that is not of its route's kind, or undefined. */
export function invalidVersionMessage(access: RouteAccess, version: string): string | undefined {
  if (access === 'public') {
    return isCalendarDate(version)
      ? undefined
      : `Invalid version. Received "${version}", expected a valid date string formatted as YYYY-MM-DD.`;
  }
  return INTERNAL_VERSION.test(version)
    ? undefined
    : `Invalid version number. Received "${version}", expected a string containing _only_ a finite, whole number greater than 0.`;
}

function isCalendarDate(version: string): boolean {
  const match = PUBLIC_VERSION.exec(version);
  if (match === null) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Why `addVersion` refuses this version, or undefined. */
export function registrationRefusal(
  access: RouteAccess,
  version: string,
  registered: readonly string[],
  route: string
): string | undefined {
  if (access === 'public' && version !== BASE_PUBLIC_VERSION)
    return `Invalid public version, for now please use "${BASE_PUBLIC_VERSION}" as the version for all public routes. Received "${version}".}"`;
  const invalid = invalidVersionMessage(access, version);
  if (invalid !== undefined) return invalid;
  if (registered.includes(version))
    return `Version "${version}" handler has already been registered for the route ${route}"`;
  return undefined;
}

/** Oldest first: internal versions as numbers, public ones as dates (which sort as text). */
export function sortVersions(versions: readonly string[], access: RouteAccess): string[] {
  return access === 'internal'
    ? [...versions].sort((a, b) => Number(a) - Number(b))
    : [...versions].sort((a, b) => a.localeCompare(b));
}

/** The version the request names: the header, its first value if repeated. */
export function requestedVersion(
  headers: Record<string, string | string[] | undefined>
): ApiVersion | undefined {
  const value = headers[ELASTIC_HTTP_VERSION_HEADER];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined || first === '' ? undefined : first;
}

/** The version a request gets: the one it names, else the route's default. */
export function versionFor(
  requested: ApiVersion | undefined,
  access: RouteAccess,
  versions: readonly string[],
  resolution: VersionResolution
): ApiVersion | undefined {
  if (requested !== undefined) return requested;
  if (access === 'internal') return '1';
  const sorted = sortVersions(versions, access);
  return resolution === 'oldest' ? sorted[0] : sorted[sorted.length - 1];
}

export type Negotiation = { version: ApiVersion } | { refusal: string };

/** The handler's version, or the 400 message Kibana answers (before any validation). */
export function negotiate(
  request: {
    headers: Record<string, string | string[] | undefined>;
    query: Record<string, unknown>;
  },
  route: { method: string; path: string; access: RouteAccess; versions: readonly string[] },
  resolution: VersionResolution
): Negotiation {
  const available = route.versions.length === 0 ? '<none>' : `[${route.versions.join(', ')}]`;
  const version = versionFor(
    requestedVersion(request.headers),
    route.access,
    route.versions,
    resolution
  );
  if (version === undefined)
    return {
      refusal: `Please specify a version via ${ELASTIC_HTTP_VERSION_HEADER} header. Available versions: ${available}`,
    };
  if (ELASTIC_HTTP_VERSION_QUERY_PARAM in request.query)
    return {
      refusal: `Use of query parameter "${ELASTIC_HTTP_VERSION_QUERY_PARAM}" is not allowed. Please specify the API version using the "${ELASTIC_HTTP_VERSION_HEADER}" header.`,
    };
  const invalid = invalidVersionMessage(route.access, version);
  if (invalid !== undefined) return { refusal: invalid };
  if (!route.versions.includes(version))
    return {
      refusal: `No version "${version}" available for [${route.method}] [${route.path}]. Available versions are: ${available}`,
    };
  return { version };
}
