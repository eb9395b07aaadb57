import * as t from 'io-ts';

/**
 * Why a scrape failed, as `error.type` of a scrape health document (`go_runtime.scrape`) and as
 * `health.last_error.class` in the targets API. A closed list, so that a rule or a filter on
 * it can name every case; finer detail is in the message.
 */
export const ScrapeErrorClass = t.keyof(
  {
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
    /** JSON, but not a Go expvar page (HTML pages included). */
    not_expvar: null,
    too_large: null,
    /** Not JSON, cut off, nested too deep, or not derivable into documents. */
    bad_payload: null,
    /** Refused by go_runtime.scrape.allowedHosts or deniedNetworks; nothing was sent. */
    policy: null,
  },
  'ScrapeErrorClass'
);
export type ScrapeErrorClass = t.TypeOf<typeof ScrapeErrorClass>;

export const SCRAPE_ERROR_CLASSES = Object.keys(ScrapeErrorClass.keys) as ScrapeErrorClass[];

/** Longest `error.message` a health document carries; scrape messages are written shorter. */
export const MAX_ERROR_MESSAGE_LENGTH = 1024;
