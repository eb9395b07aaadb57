import type { NetworkErrorClass, ScrapeErrorClass } from '../../common/scrape_health';

/**
 * Everything that can go wrong between a target's URL and a document. Each kind carries a
 * message written for the person who owns the target: what happened and what to check.
 */
export type ScrapeErrorKind =
  | 'unreachable'
  | 'dns'
  | 'tls'
  | 'timeout'
  /** HTTP 401 or 403. */
  | 'auth'
  | 'http_status'
  | 'redirect'
  | 'too_large'
  | 'html_page'
  | 'not_json'
  | 'too_deep'
  | 'not_expvar'
  /** Derivation threw (by design it never does); only the target's scrape pays for it. */
  | 'internal'
  /** Refused by go_runtime.scrape.allowedHosts or deniedNetworks; nothing was sent. */
  | 'policy';

export interface ScrapeError {
  readonly kind: ScrapeErrorKind;
  readonly message: string;
  /** The HTTP status, when a response came. */
  readonly status?: number;
  /** Body bytes read before the failure. */
  readonly bytes?: number;
}

export function scrapeError(
  kind: ScrapeErrorKind,
  message: string,
  response?: { status: number; bytes?: number }
): ScrapeError {
  return {
    kind,
    message,
    ...(response === undefined ? {} : { status: response.status }),
    ...(response?.bytes === undefined ? {} : { bytes: response.bytes }),
  };
}

/** The same error, with what the response said (for a failure found after the fetch). */
export function withResponse(
  error: ScrapeError,
  response: { status: number; bytes: number }
): ScrapeError {
  return { ...error, status: response.status, bytes: response.bytes };
}

/** The kinds that fail the fetch itself, before anything judges the body. */
type FetchFailureKind = Exclude<
  ScrapeErrorKind,
  'html_page' | 'not_json' | 'too_deep' | 'not_expvar' | 'internal'
>;

/** How a scrape and a profile read alike name a failed fetch. */
export const CLASS_OF_FETCH_FAILURE: Record<FetchFailureKind, NetworkErrorClass | 'too_large'> = {
  unreachable: 'refused',
  dns: 'dns',
  tls: 'tls',
  timeout: 'timeout',
  auth: 'auth',
  http_status: 'http_status',
  redirect: 'http_status',
  too_large: 'too_large',
  policy: 'policy',
};

const CLASS_OF_KIND: Record<ScrapeErrorKind, ScrapeErrorClass> = {
  ...CLASS_OF_FETCH_FAILURE,
  html_page: 'not_expvar',
  not_json: 'bad_payload',
  too_deep: 'bad_payload',
  not_expvar: 'not_expvar',
  internal: 'bad_payload',
};

/** The class a scrape health document and the API name this error by. */
export function errorClassOf(kind: ScrapeErrorKind): ScrapeErrorClass {
  return CLASS_OF_KIND[kind];
}

export function isScrapeErrorKind(kind: string): kind is ScrapeErrorKind {
  return Object.prototype.hasOwnProperty.call(CLASS_OF_KIND, kind);
}
