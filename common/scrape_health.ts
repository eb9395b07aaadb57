import * as t from 'io-ts';

/**
 * The ways a fetch fails before any body is judged; a scrape and a profile read name them alike,
 * so that one filter or rule on `error.type` finds both.
 */
export const NETWORK_ERROR_CLASSES = {
  /** Nothing answered: connection refused, reset, or no route to the host. */
  refused: null,
  timeout: null,
  /** The host name does not resolve. */
  dns: null,
  /** The TLS handshake failed: an unknown CA, a wrong name, an expired certificate. */
  tls: null,
  /** HTTP 401 or 403: the credentials are missing or wrong. */
  auth: null,
  /** Any other status than 200, redirects included (they are never followed). */
  http_status: null,
  /** Refused by go_runtime.scrape.allowedHosts or deniedNetworks; nothing was sent. */
  policy: null,
} as const;
export type NetworkErrorClass = keyof typeof NETWORK_ERROR_CLASSES;

/**
 * Why a scrape failed, as `error.type` of a scrape health document (`go_runtime.scrape`) and as
 * `health.last_error.class` in the targets API. A closed list, so that a rule or a filter on
 * it can name every case; finer detail is in the message.
 */
export const ScrapeErrorClass = t.keyof(
  {
    ...NETWORK_ERROR_CLASSES,
    /** JSON, but not a Go expvar page (HTML pages included). */
    not_expvar: null,
    too_large: null,
    /** Not JSON, cut off, nested too deep, or not derivable into documents. */
    bad_payload: null,
  },
  'ScrapeErrorClass'
);
export type ScrapeErrorClass = t.TypeOf<typeof ScrapeErrorClass>;

/** Longest `error.message` a health document carries; scrape messages are written shorter. */
export const MAX_ERROR_MESSAGE_LENGTH = 1024;
