/**
 * Everything that can go wrong between a target's URL and a document. Each kind carries a
 * message written for the person who owns the target: what happened and what to check.
 */
export type ScrapeErrorKind =
  | 'unreachable'
  | 'timeout'
  | 'http_status'
  | 'redirect'
  | 'too_large'
  | 'html_page'
  | 'not_json'
  | 'too_deep'
  | 'not_expvar'
  /** Refused by go_runtime.scrape.allowedHosts or deniedNetworks; nothing was sent. */
  | 'policy';

export interface ScrapeError {
  readonly kind: ScrapeErrorKind;
  readonly message: string;
}

export function scrapeError(kind: ScrapeErrorKind, message: string): ScrapeError {
  return { kind, message };
}
