import { createHash } from 'node:crypto';
import { isLeft, left, right, type Either } from 'fp-ts/Either';
import {
  DEFAULT_NAMESPACE,
  EXPVAR_DATASET,
  HEAP_DATASET,
  SCRAPE_DATASET,
  dataStreamName,
} from '../../common/data_streams';
import { buildScrapeHealthDocument, type ScrapeAttempt } from '../derive/scrape_health_document';
import type { ScrapeOrigin } from '../derive/scrape_identity';
import type { CustomVars } from '../derive/custom_vars';
import { buildExpvarDocument } from '../derive/expvar_document';
import { redactCmdline } from '../derive/redact_cmdline';
import { sizeClassRows } from '../derive/size_classes';
import { buildHeapDocument } from '../derive/heap_document';
import { parsePool } from '../parse/parse_pool';
import { fetchExpvar, type FetchLimits } from '../scrape/fetch_expvar';
import { withResponse, type ScrapeError } from '../scrape/scrape_error';
import type { ScrapeAccess } from '../scrape/scrape_access';
import type { DocumentToWrite } from '../storage/write_buffer';
import type { ExpvarPayload } from '../parse/expvar_payload';
import type { GcCursor } from '../derive/gc_cursor';
import { deriveGcPauses, type GcDerivation } from '../derive/gc_pauses';
import type { ValidTarget } from '../targets/saved_target';

export interface ScrapeSettings {
  readonly maxBytes: number;
  /** Upper bound on one scrape; a target's own interval lowers it further. */
  readonly maxTimeoutMs: number;
  /** go_runtime.scrape.allowedHosts and deniedNetworks, and the agents that enforce them. */
  readonly access: ScrapeAccess;
}

export interface ScrapedPayload {
  readonly payload: ExpvarPayload;
  readonly scrapedAt: Date;
  readonly durationMs: number;
}

/** A scrape's payload with what the response said, for the scrape health document. */
export interface ScrapeResult extends ScrapedPayload {
  readonly status: number;
  readonly bytes: number;
}

/** fetch → parse for one target; every failure comes back as a value. */
export async function scrapeTarget(
  target: ValidTarget,
  settings: ScrapeSettings,
  signal: AbortSignal
): Promise<Either<ScrapeError, ScrapeResult>> {
  const limits: FetchLimits = {
    maxBytes: settings.maxBytes,
    timeoutMs: Math.min(settings.maxTimeoutMs, target.intervalMs),
  };
  // A secret the target needs is missing: report it, and send nothing (no empty credentials).
  if (isLeft(target.connection)) return target.connection;
  const scrapedAt = new Date();
  const fetched = await fetchExpvar(
    target.attributes.url,
    limits,
    settings.access,
    signal,
    target.connection.right
  );
  if (isLeft(fetched)) return fetched;
  // The custom vars are flattened and capped here, so only the bounded result is kept.
  // A large page is parsed in a worker thread, so it cannot stall Kibana (parse_budget.ts).
  const payload = await parsePool.parse(fetched.right, target.maxCustomVars);
  const response = { status: fetched.right.status, bytes: fetched.right.body.length };
  if (isLeft(payload)) return left(withResponse(payload.left, response));
  return right({
    payload: payload.right,
    scrapedAt,
    durationMs: fetched.right.durationMs,
    ...response,
  });
}

export interface DerivedDocuments {
  readonly documents: DocumentToWrite[];
  /** Present when the page had memstats; the cursor to keep for the next scrape. */
  readonly gc?: GcDerivation;
  readonly customVars?: CustomVars;
}

export interface DeriveOptions {
  /** How often the size classes are stored (go_runtime.sizeClasses.periodMinutes). */
  readonly sizeClassPeriodMs?: number;
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
  previous: GcCursor | undefined,
  options: DeriveOptions = {}
): DerivedDocuments {
  const { memstats, cmdline, customVars } = scraped.payload;
  const origin = scrapeOrigin(target);
  const documents: DocumentToWrite[] = [];
  let gc: GcDerivation | undefined;
  if (memstats !== undefined) {
    gc = deriveGcPauses(
      {
        numGc: Number(memstats.NumGC),
        pauseTotalNs: memstats.PauseTotalNs,
        totalAlloc: memstats.TotalAlloc,
        mallocs: memstats.Mallocs,
        frees: memstats.Frees,
        lastGc: memstats.LastGC,
        pauseNs: memstats.PauseNs,
        pauseEnd: memstats.PauseEnd,
        cmdline: cmdline === undefined ? null : fingerprint(cmdline),
        scrapedAt: scraped.scrapedAt.getTime(),
      },
      previous
    );
    // Size classes are stored as Go's cumulative counters; their rates are taken at query
    // time, so the cursor no longer carries 68 counters per target.
    const bySize = sizeClassRows(memstats.BySize ?? [], undefined, undefined);
    documents.push({
      index: dataStreamName(HEAP_DATASET, origin.namespace),
      id: `${target.id}:${slot}`,
      idFromDimensions: true,
      document: buildHeapDocument(
        memstats,
        origin,
        scraped.scrapedAt,
        scraped.durationMs,
        gc,
        redactCmdline(cmdline ?? [], target.cmdlineMode),
        bySize,
        slot,
        options.sizeClassPeriodMs
      ),
    });
  }
  if (customVars.total > 0) {
    documents.push({
      index: dataStreamName(EXPVAR_DATASET, origin.namespace),
      id: `${target.id}:${slot}`,
      document: buildExpvarDocument(customVars, origin, scraped.scrapedAt, scraped.durationMs),
    });
  }
  return {
    documents,
    ...(gc === undefined ? {} : { gc }),
    ...(customVars.total > 0 ? { customVars } : {}),
  };
}

export function scrapeOrigin(target: ValidTarget): ScrapeOrigin {
  return {
    targetId: target.id,
    targetName: target.attributes.name,
    serviceName: target.attributes.service_name,
    url: target.attributes.url,
    spaceId: target.spaceId,
    namespace: DEFAULT_NAMESPACE,
    periodMs: target.intervalMs,
  };
}

/**
 * The health document of one attempt. Its `_id` comes from the dimensions and the slot, like
 * the heap document's, so a retried write or a second node's attempt at the slot is a 409.
 */
export function scrapeHealthDocument(target: ValidTarget, attempt: ScrapeAttempt): DocumentToWrite {
  return {
    index: dataStreamName(SCRAPE_DATASET, DEFAULT_NAMESPACE),
    id: `${target.id}:${attempt.slotMs}`,
    idFromDimensions: true,
    document: buildScrapeHealthDocument(scrapeOrigin(target), attempt),
  };
}

/** cmdline can hold secrets: only a digest of it is kept to notice a different process. */
function fingerprint(cmdline: readonly string[]): string {
  return createHash('sha256').update(JSON.stringify(cmdline)).digest('base64url').slice(0, 16);
}
