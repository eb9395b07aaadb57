import path from 'node:path';
import { left, type Either } from 'fp-ts/Either';
import type { FetchedBody } from '../scrape/fetch_expvar';
import { WorkerPool, type WorkerFailure } from '../lib/worker_pool';
import { scrapeError, type ScrapeError } from '../scrape/scrape_error';
import type { ExpvarPayload } from './expvar_payload';
import { INLINE_PARSE_BYTES, WORKER_HEAP_MB } from './parse_budget';
import { parseExpvar } from './parse_expvar';
import type { ParseRequest } from './parse_worker';

type ParseResult = Either<ScrapeError, ExpvarPayload>;

/**
 * Parses a page on the event loop when it is small (nearly every expvar page), and in a
 * worker thread when it is large enough to stall Kibana: see parse_budget.ts for the
 * measurements. One worker, so large pages queue instead of competing for the cores with
 * Kibana itself; its heap is capped, so a hostile page costs the worker, not Kibana.
 */
export class ParsePool {
  private readonly pool = new WorkerPool<ParseRequest, ParseResult>({
    script: path.join(__dirname, 'parse_worker'),
    heapMb: WORKER_HEAP_MB,
    failed: (failure) => left(parseFailure(failure)),
  });

  constructor(private readonly inlineBytes = INLINE_PARSE_BYTES) {}

  parse(fetched: FetchedBody, maxCustomVars: number): Promise<ParseResult> {
    if (fetched.body.length <= this.inlineBytes)
      return Promise.resolve(parseExpvar(fetched, maxCustomVars));
    // A copy the worker owns: the fetched Buffer may share its memory with other buffers.
    const body = new Uint8Array(fetched.body);
    return this.pool.run(
      (id) => ({
        id,
        status: fetched.status,
        contentType: fetched.contentType,
        body,
        durationMs: fetched.durationMs,
        maxCustomVars,
      }),
      [body.buffer]
    );
  }

  /** Stops the worker; pending parses end with an error. */
  stop(): Promise<void> {
    return this.pool.stop();
  }
}

function parseFailure(failure: WorkerFailure): ScrapeError {
  switch (failure.kind) {
    case 'stopping':
      return scrapeError('timeout', 'the parse was cancelled because Kibana is stopping');
    case 'out_of_memory':
      return scrapeError(
        'too_large',
        `parsing the page needed more than ${failure.heapMb} MB; an expvar page is normally a few KB, publish fewer or smaller custom vars`
      );
    case 'crashed':
      return scrapeError('not_json', `the page could not be parsed: ${failure.message}`);
    case 'exited':
      return scrapeError('not_json', 'the parse worker stopped before answering');
  }
}

/** The pool the poll task's scrapes share. */
export const parsePool = new ParsePool();
