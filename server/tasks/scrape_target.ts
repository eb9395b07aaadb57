import { isLeft, left, right, type Either } from 'fp-ts/Either';
import { DEFAULT_NAMESPACE, HEAP_DATASET, dataStreamName } from '../../common/data_streams';
import { buildHeapDocument } from '../derive/heap_document';
import { parseExpvar } from '../parse/parse_expvar';
import { fetchExpvar, type FetchLimits } from '../scrape/fetch_expvar';
import type { ScrapeError } from '../scrape/scrape_error';
import type { DocumentToWrite } from '../storage/write_documents';
import type { ValidTarget } from '../targets/saved_target';

export interface ScrapeSettings {
  readonly maxBytes: number;
  /** Upper bound on one scrape; a target's own interval lowers it further. */
  readonly maxTimeoutMs: number;
}

/** fetch → parse → derive for one target and slot; every failure comes back as a value. */
export async function scrapeTarget(
  target: ValidTarget,
  slot: number,
  settings: ScrapeSettings,
  signal: AbortSignal
): Promise<Either<ScrapeError, DocumentToWrite[]>> {
  const limits: FetchLimits = {
    maxBytes: settings.maxBytes,
    timeoutMs: Math.min(settings.maxTimeoutMs, target.intervalMs),
  };
  const scrapedAt = new Date();
  const fetched = await fetchExpvar(target.attributes.url, limits, signal);
  if (isLeft(fetched)) return fetched;
  const payload = parseExpvar(fetched.right);
  if (isLeft(payload)) return left(payload.left);

  const origin = {
    targetId: target.id,
    targetName: target.attributes.name,
    serviceName: target.attributes.service_name,
    url: target.attributes.url,
    namespace: DEFAULT_NAMESPACE,
    periodMs: target.intervalMs,
  };
  return right([
    {
      index: dataStreamName(HEAP_DATASET, origin.namespace),
      id: `${target.id}:${slot}`,
      document: buildHeapDocument(payload.right, origin, scrapedAt, fetched.right.durationMs),
    },
  ]);
}
