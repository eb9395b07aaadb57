import { parentPort } from 'node:worker_threads';
import { parseExpvar } from './parse_expvar';

/** One page to parse, as posted by parse_pool.ts; the body's bytes are transferred, not copied. */
export interface ParseRequest {
  readonly id: number;
  readonly status: number;
  readonly contentType: string | undefined;
  readonly body: Uint8Array;
  readonly durationMs: number;
  readonly maxCustomVars: number;
}

// The whole page lives only here: what goes back is the bounded payload (memstats, cmdline
// and at most maxCustomVars flattened vars), or one short error.
parentPort?.on('message', (request: ParseRequest) => {
  const body = Buffer.from(request.body.buffer, request.body.byteOffset, request.body.byteLength);
  const result = parseExpvar(
    {
      status: request.status,
      contentType: request.contentType,
      body,
      durationMs: request.durationMs,
    },
    request.maxCustomVars
  );
  parentPort!.postMessage({ id: request.id, result });
});
