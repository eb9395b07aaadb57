import { createHash } from 'node:crypto';
import { isLeft, left, right, type Either } from 'fp-ts/Either';
import { DEFAULT_NAMESPACE, EXPVAR_DATASET, HEAP_DATASET, dataStreamName } from '../../common/data_streams';
import { flattenCustomVars, type CustomVars } from '../derive/custom_vars';
import { buildExpvarDocument } from '../derive/expvar_document';
import { redactCmdline } from '../derive/redact_cmdline';
import { sizeClassRows } from '../derive/size_classes';
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

export interface DerivedDocuments {
  readonly documents: DocumentToWrite[];
  /** Present when the page had memstats; the cursor to keep for the next scrape. */
  readonly gc?: GcDerivation;
  readonly customVars?: CustomVars;
}

/**
 * derive → documents for one scrape, given what the previous scrape of the target left in
 * its cursor: a heap document when the page has memstats, an expvar document when it has
 * vars of the application's own.
 */
export function deriveDocuments(
  target: ValidTarget,
  slot: number,
  scraped: ScrapedPayload,
  previous: GcCursor | undefined
): DerivedDocuments {
  const { memstats, cmdline, vars } = scraped.payload;
  const origin = {
    targetId: target.id,
    targetName: target.attributes.name,
    serviceName: target.attributes.service_name,
    url: target.attributes.url,
    namespace: DEFAULT_NAMESPACE,
    periodMs: target.intervalMs,
  };
  const documents: DocumentToWrite[] = [];
  let gc: GcDerivation | undefined;
  if (memstats !== undefined) {
    gc = deriveGcPauses(
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
    const continued = gc.change === 'continued' ? previous : undefined;
    const bySize = sizeClassRows(
      memstats.BySize ?? [],
      continued?.by_size_mallocs,
      continued === undefined ? undefined : (scraped.scrapedAt.getTime() - continued.scraped_at) / 1000
    );
    if (memstats.BySize !== undefined) {
      gc = { ...gc, cursor: { ...gc.cursor, by_size_mallocs: memstats.BySize.map((entry) => String(entry.Mallocs)) } };
    }
    documents.push({
      index: dataStreamName(HEAP_DATASET, origin.namespace),
      id: `${target.id}:${slot}`,
      idFromDimensions: true,
      document: buildHeapDocument(memstats, origin, scraped.scrapedAt, scraped.durationMs, gc, redactCmdline(cmdline ?? [], target.cmdlineMode), bySize, slot),
    });
  }
  const customVars = flattenCustomVars(vars, target.maxCustomVars);
  if (customVars.total > 0) {
    documents.push({
      index: dataStreamName(EXPVAR_DATASET, origin.namespace),
      id: `${target.id}:${slot}`,
      document: buildExpvarDocument(customVars, origin, scraped.scrapedAt, scraped.durationMs),
    });
  }
  return { documents, ...(gc === undefined ? {} : { gc }), ...(customVars.total > 0 ? { customVars } : {}) };
}

/** cmdline can hold secrets: only a digest of it is kept to notice a different process. */
function fingerprint(cmdline: readonly string[]): string {
  return createHash('sha256').update(JSON.stringify(cmdline)).digest('base64url').slice(0, 16);
}
