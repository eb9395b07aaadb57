import { createHash } from 'node:crypto';
import { isLeft, left, right, type Either } from 'fp-ts/Either';
import { DEFAULT_NAMESPACE, HEAP_DATASET, dataStreamName } from '../../common/data_streams';
import { buildHeapDocument } from '../derive/heap_document';
import { parseExpvar } from '../parse/parse_expvar';
import { fetchExpvar, type FetchLimits } from '../scrape/fetch_expvar';
import type { ScrapeError } from '../scrape/scrape_error';
import type { DocumentToWrite } from '../storage/write_documents';
import type { ExpvarPayload } from '../parse/expvar_payload';
import type { GcCursor } from '../derive/gc_cursor';
import { deriveGcPauses, type GcDerivation } from '../derive/gc_pauses';
import type { ValidTarget } from '../targets/saved_target';

export interface ScrapeSettings {
  readonly maxBytes: number;
  /** Upper bound on one scrape; a target's own interval lowers it further. */
  readonly maxTimeoutMs: number;
}

export interface ScrapedPayload {
  readonly payload: ExpvarPayload;
  readonly scrapedAt: Date;
  readonly durationMs: number;
}

/** fetch → parse for one target; every failure comes back as a value. */
export async function scrapeTarget(
  target: ValidTarget,
  settings: ScrapeSettings,
  signal: AbortSignal
): Promise<Either<ScrapeError, ScrapedPayload>> {
  const limits: FetchLimits = {
    maxBytes: settings.maxBytes,
    timeoutMs: Math.min(settings.maxTimeoutMs, target.intervalMs),
  };
  const scrapedAt = new Date();
  const fetched = await fetchExpvar(target.attributes.url, limits, signal);
  if (isLeft(fetched)) return fetched;
  const payload = parseExpvar(fetched.right);
  if (isLeft(payload)) return left(payload.left);
  return right({ payload: payload.right, scrapedAt, durationMs: fetched.right.durationMs });
}

/**
 * derive → document for one scrape, given what the previous scrape of the target left in
 * its cursor; returns the document to write and the cursor to keep.
 */
export function deriveHeapDocument(
  target: { id: string; name: string; serviceName: string; url: string; intervalMs: number },
  slot: number,
  scraped: ScrapedPayload,
  previous: GcCursor | undefined
): { document: DocumentToWrite; gc: GcDerivation } {
  const { memstats, cmdline } = scraped.payload;
  const gc = deriveGcPauses(
    {
      numGc: Number(memstats.NumGC),
      pauseTotalNs: memstats.PauseTotalNs,
      totalAlloc: memstats.TotalAlloc,
      mallocs: memstats.Mallocs,
      pauseNs: memstats.PauseNs,
      cmdline: cmdline === undefined ? null : fingerprint(cmdline),
      scrapedAt: scraped.scrapedAt.getTime(),
    },
    previous
  );
  const origin = {
    targetId: target.id,
    targetName: target.name,
    serviceName: target.serviceName,
    url: target.url,
    namespace: DEFAULT_NAMESPACE,
    periodMs: target.intervalMs,
  };
  return {
    gc,
    document: {
      index: dataStreamName(HEAP_DATASET, origin.namespace),
      id: `${target.id}:${slot}`,
      document: buildHeapDocument(scraped.payload, origin, scraped.scrapedAt, scraped.durationMs, gc),
    },
  };
}

/** cmdline can hold secrets: only a digest of it is kept to notice a different process. */
function fingerprint(cmdline: readonly string[]): string {
  return createHash('sha256').update(JSON.stringify(cmdline)).digest('base64url').slice(0, 16);
}
