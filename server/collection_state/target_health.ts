import { ScrapeErrorClass } from '../../common/scrape_health';
import type { TargetHealth } from '../../common/targets';
import { errorClassOf, isScrapeErrorKind } from '../scrape/scrape_error';
import type { TargetCollectionState } from './target_state';

/** The stored kind is a string (older states, other versions): unknown kinds read as bad_payload. */
function classOfStoredKind(kind: string): ScrapeErrorClass {
  return isScrapeErrorKind(kind)
    ? errorClassOf(kind)
    : ScrapeErrorClass.is(kind)
    ? kind
    : 'bad_payload';
}

const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

/** The API's view of a target's collection state. */
export function toTargetHealth(state: TargetCollectionState): TargetHealth {
  const status =
    state.last_scrape_at === undefined
      ? 'unknown'
      : state.last_error !== undefined && state.last_error.at >= (state.last_success_at ?? 0)
      ? 'down'
      : 'up';
  const health: TargetHealth = {
    status,
    missed_slots: state.missed_slots,
    dropped_documents: state.dropped_documents,
    rejected_documents: state.rejected_documents,
  };
  const lastScrape = iso(state.last_scrape_at);
  const lastSuccess = iso(state.last_success_at);
  if (lastScrape !== undefined) health.last_scrape_at = lastScrape;
  if (lastSuccess !== undefined) health.last_success_at = lastSuccess;
  if (state.last_duration_ms !== undefined)
    health.duration_ms = Math.round(state.last_duration_ms * 10) / 10;
  if (state.last_error !== undefined) {
    health.last_error = {
      class: classOfStoredKind(state.last_error.kind),
      message: state.last_error.message,
      at: new Date(state.last_error.at).toISOString(),
    };
  }
  return health;
}
