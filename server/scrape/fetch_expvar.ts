import http from 'node:http';
import https from 'node:https';
import { left, right, type Either } from 'fp-ts/Either';
import { scrapeError, type ScrapeError } from './scrape_error';

export interface FetchLimits {
  /** Whole request: connect, headers and body. */
  readonly timeoutMs: number;
  /** Body bytes; a bigger body is cut off and reported, never buffered. */
  readonly maxBytes: number;
}

export interface FetchedBody {
  readonly status: number;
  readonly contentType: string | undefined;
  readonly body: Buffer;
  readonly durationMs: number;
}

// Keep-alive: a target is scraped every few seconds, a new TCP (and TLS) handshake each time
// would cost more than the read itself.
const agents = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: 2, maxFreeSockets: 1 }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: 2, maxFreeSockets: 1 }),
};

/**
 * GETs an expvar endpoint with a deadline and a byte cap. Redirects are not followed: a
 * target that redirects is reported, so the poller never ends up fetching a host nobody
 * configured.
 */
export function fetchExpvar(
  target: string,
  limits: FetchLimits,
  signal?: AbortSignal
): Promise<Either<ScrapeError, FetchedBody>> {
  const url = new URL(target);
  const transport = url.protocol === 'https:' ? https : http;
  const started = performance.now();

  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: Either<ScrapeError, FetchedBody>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      resolve(result);
    };

    const request = transport.get(url, {
      agent: agents[url.protocol as keyof typeof agents],
      headers: { accept: 'application/json', 'user-agent': 'go-runtime-for-kibana' },
    });

    const timer = setTimeout(() => {
      finish(left(scrapeError('timeout', `no complete answer within ${limits.timeoutMs} ms; the target is slow or hung`)));
      request.destroy();
    }, limits.timeoutMs);
    const onAbort = () => {
      finish(left(scrapeError('timeout', 'the scrape was cancelled because the poll run was stopped')));
      request.destroy();
    };
    signal?.addEventListener('abort', onAbort, { once: true });

    request.on('error', (error: NodeJS.ErrnoException) => finish(left(describeNetworkError(url, error))));

    request.on('response', (response) => {
      const status = response.statusCode ?? 0;
      if (status >= 300 && status < 400) {
        response.resume();
        const location = response.headers.location ?? '(no Location header)';
        finish(
          left(
            scrapeError(
              'redirect',
              `answered HTTP ${status} redirecting to ${location}; redirects are not followed, configure the final URL`
            )
          )
        );
        return;
      }
      const declared = Number(response.headers['content-length']);
      if (Number.isFinite(declared) && declared > limits.maxBytes) {
        response.destroy();
        finish(left(tooLarge(limits.maxBytes, `declares ${declared} bytes`)));
        return;
      }
      const chunks: Buffer[] = [];
      let received = 0;
      response.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (received > limits.maxBytes) {
          response.destroy();
          finish(left(tooLarge(limits.maxBytes, `sent more than that`)));
          return;
        }
        chunks.push(chunk);
      });
      response.on('error', (error: NodeJS.ErrnoException) => finish(left(describeNetworkError(url, error))));
      response.on('end', () =>
        finish(
          right({
            status,
            contentType: response.headers['content-type'],
            body: Buffer.concat(chunks, received),
            durationMs: performance.now() - started,
          })
        )
      );
    });
  });
}

function tooLarge(maxBytes: number, detail: string): ScrapeError {
  return scrapeError(
    'too_large',
    `the response is over the ${maxBytes}-byte limit (it ${detail}); an expvar page is normally a few KB, check the URL or raise the limit`
  );
}

function describeNetworkError(url: URL, error: NodeJS.ErrnoException): ScrapeError {
  const where = `${url.hostname}:${url.port || (url.protocol === 'https:' ? 443 : 80)}`;
  switch (error.code) {
    case 'ECONNREFUSED':
      return scrapeError('unreachable', `connection refused by ${where}; is the Go service running and listening there?`);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return scrapeError('unreachable', `host ${url.hostname} could not be resolved; check the URL`);
    case 'ECONNRESET':
    case 'EPIPE':
      return scrapeError('unreachable', `${where} closed the connection before answering completely`);
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return scrapeError('unreachable', `${where} is not reachable from the Kibana server`);
    default:
      return scrapeError('unreachable', `request to ${where} failed: ${error.code ?? ''} ${error.message}`.trim());
  }
}
