import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { left, type Either } from 'fp-ts/Either';
import type { FetchedBody } from '../scrape/fetch_expvar';
import { scrapeError, type ScrapeError, type ScrapeErrorKind } from '../scrape/scrape_error';
import type { ExpvarPayload } from './expvar_payload';
import { INLINE_PARSE_BYTES, WORKER_HEAP_MB } from './parse_budget';
import { parseExpvar } from './parse_expvar';
import type { ParseRequest } from './parse_worker';

type ParseResult = Either<ScrapeError, ExpvarPayload>;

/** A worker that nothing used for this long is stopped; the next large page starts another. */
const IDLE_MS = 30_000;

/**
 * Parses a page on the event loop when it is small (nearly every expvar page), and in a
 * worker thread when it is large enough to stall Kibana: see parse_budget.ts for the
 * measurements. One worker, so large pages queue instead of competing for the cores with
 * Kibana itself; its heap is capped, so a hostile page costs the worker, not Kibana.
 */
export class ParsePool {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, (result: ParseResult) => void>();
  private nextId = 0;
  private idle: NodeJS.Timeout | undefined;

  constructor(private readonly inlineBytes = INLINE_PARSE_BYTES) {}

  parse(fetched: FetchedBody, maxCustomVars: number): Promise<ParseResult> {
    if (fetched.body.length <= this.inlineBytes)
      return Promise.resolve(parseExpvar(fetched, maxCustomVars));
    const worker = this.ensureWorker();
    const id = this.nextId++;
    // A copy the worker owns: the fetched Buffer may share its memory with other buffers.
    const body = new Uint8Array(fetched.body);
    const request: ParseRequest = {
      id,
      status: fetched.status,
      contentType: fetched.contentType,
      body,
      durationMs: fetched.durationMs,
      maxCustomVars,
    };
    return new Promise<ParseResult>((resolve) => {
      this.pending.set(id, resolve);
      worker.postMessage(request, [body.buffer]);
    });
  }

  /** Stops the worker; pending parses end with an error. */
  async stop(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    clearTimeout(this.idle);
    this.failAll('timeout', 'the parse was cancelled because Kibana is stopping');
    await worker?.terminate();
  }

  private ensureWorker(): Worker {
    clearTimeout(this.idle);
    if (this.worker !== undefined) return this.worker;
    const worker = startWorker();
    worker.unref(); // never what keeps Kibana's process alive
    worker.on('message', ({ id, result }: { id: number; result: ParseResult }) => {
      this.pending.get(id)?.(result);
      this.pending.delete(id);
      if (this.pending.size === 0)
        this.idle = setTimeout(() => void this.stopIdle(worker), IDLE_MS).unref();
    });
    // Every pending parse belongs to the current worker; one that was stopped on purpose
    // (idle, or stop()) is no longer current and fails nothing.
    worker.on('error', (error: Error & { code?: string }) => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') {
        this.failAll(
          'too_large',
          `parsing the page needed more than ${WORKER_HEAP_MB} MB; an expvar page is normally a few KB, publish fewer or smaller custom vars`
        );
      } else {
        this.failAll('not_json', `the page could not be parsed: ${error.message.slice(0, 200)}`);
      }
    });
    worker.on('exit', () => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      this.failAll('not_json', 'the parse worker stopped before answering');
    });
    this.worker = worker;
    return worker;
  }

  private async stopIdle(worker: Worker): Promise<void> {
    if (this.worker !== worker || this.pending.size > 0) return;
    this.worker = undefined;
    await worker.terminate();
  }

  private failAll(kind: ScrapeErrorKind, message: string): void {
    for (const resolve of this.pending.values()) resolve(left(scrapeError(kind, message)));
    this.pending.clear();
  }
}

/**
 * The worker runs the compiled parse_worker.js beside this file. Run from TypeScript sources
 * (the dev host and the tests, under tsx or ts-jest), it loads tsx's require hook first.
 */
function startWorker(): Worker {
  const options = { resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } };
  if (path.extname(__filename) === '.js')
    return new Worker(path.join(__dirname, 'parse_worker.js'), options);
  const source = path.join(__dirname, 'parse_worker.ts');
  const hook = require.resolve('tsx/cjs');
  return new Worker(`require(${JSON.stringify(hook)}); require(${JSON.stringify(source)});`, {
    ...options,
    eval: true,
  });
}

/** The pool the poll task's scrapes share. */
export const parsePool = new ParsePool();
