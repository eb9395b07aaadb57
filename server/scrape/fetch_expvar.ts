import http from 'node:http';
import https from 'node:https';
import { left, right, type Either } from 'fp-ts/Either';
import { scrapeError, type ScrapeError } from './scrape_error';
import type { ScrapeAccess } from './scrape_access';
import { PolicyRefusal } from './scrape_policy';
import type { ScrapeConnection } from '../targets/target_connection';

export interface FetchLimits {
  /** Whole request: connect, headers and body. */
  readonly timeoutMs: number;
  /** Body bytes; a bigger body is cut off and reported, never buffered. */
  readonly maxBytes: number;
  /** The Accept header; JSON unless a caller reads something else (a pprof profile). */
  readonly accept?: string;
}

export interface FetchedBody {
  readonly status: number;
  readonly contentType: string | undefined;
  readonly body: Buffer;
  readonly durationMs: number;
}

/**
 * GETs an expvar endpoint with a deadline and a byte cap. Redirects are not followed: a
 * target that redirects is reported, so the poller never ends up fetching a host nobody
 * configured. The host is checked against the policy first; the access's agents check the
 * address a name resolves to when they connect.
 */
export function fetchExpvar(
  target: string,
  limits: FetchLimits,
  access: ScrapeAccess,
  signal?: AbortSignal,
  connection?: ScrapeConnection
): Promise<Either<ScrapeError, FetchedBody>> {
  const url = new URL(target);
  const refusal = access.policy.refuseHost(url.hostname);
  if (refusal !== undefined) return Promise.resolve(left(scrapeError('policy', refusal)));
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

    let request: http.ClientRequest;
    try {
      const agent =
        url.protocol === 'https:' && connection?.tls !== undefined
          ? access.tlsAgent(connection.tls)
          : access.agents[url.protocol as keyof ScrapeAccess['agents']];
      request = transport.get(url, {
        agent,
        // The target's own headers first: the scraper's cannot be overridden (the codec refuses them too).
        headers: {
          ...connection?.headers,
          accept: limits.accept ?? 'application/json',
          'user-agent': 'go-runtime-for-kibana',
        },
      });
    } catch (error) {
      // A certificate and key that do not load (or do not match) fail here, before any connection.
      resolve(
        left(
          scrapeError(
            'tls',
            `the target's TLS certificate or key cannot be used (${String(
              (error as NodeJS.ErrnoException).code ?? 'invalid'
            )}); set them again`
          )
        )
      );
      return;
    }

    const timer = setTimeout(() => {
      finish(
        left(
          scrapeError(
            'timeout',
            `no complete answer within ${limits.timeoutMs} ms; the target is slow or hung`
          )
        )
      );
      request.destroy();
    }, limits.timeoutMs);
    const onAbort = () => {
      finish(
        left(scrapeError('timeout', 'the scrape was cancelled because the poll run was stopped'))
      );
      request.destroy();
    };
    signal?.addEventListener('abort', onAbort, { once: true });

    request.on('error', (error: NodeJS.ErrnoException) =>
      finish(left(describeNetworkError(url, error)))
    );

    request.on('response', (response) => {
      const status = response.statusCode ?? 0;
      if (status === 401 || status === 403) {
        response.resume();
        finish(
          left(
            scrapeError(
              'auth',
              `answered HTTP ${status} (${describeResponse(
                response
              )}); the target wants credentials: check the target's authentication settings`,
              { status }
            )
          )
        );
        return;
      }
      if (status >= 300 && status < 400) {
        response.resume();
        // The Location is not repeated: it may point at an internal address this message
        // would disclose to whoever reads the target's health.
        finish(
          left(
            scrapeError(
              'redirect',
              `answered HTTP ${status} (a redirect; ${describeResponse(
                response
              )}); redirects are not followed, configure the final URL`,
              { status }
            )
          )
        );
        return;
      }
      const declared = Number(response.headers['content-length']);
      if (Number.isFinite(declared) && declared > limits.maxBytes) {
        response.destroy();
        finish(left(tooLarge(limits.maxBytes, `declares ${declared} bytes`, { status, bytes: 0 })));
        return;
      }
      const chunks: Buffer[] = [];
      let received = 0;
      response.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (received > limits.maxBytes) {
          response.destroy();
          finish(
            left(tooLarge(limits.maxBytes, `sent more than that`, { status, bytes: received }))
          );
          return;
        }
        chunks.push(chunk);
      });
      response.on('error', (error: NodeJS.ErrnoException) =>
        finish(left(describeNetworkError(url, error)))
      );
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

/** Content type and length only, never the body or other headers. */
function describeResponse(response: http.IncomingMessage): string {
  // The header is the target's to choose: cut, so it cannot smuggle a page into the message.
  const declared = response.headers['content-type'] ?? 'no content type';
  const type = declared.length > 100 ? `${declared.slice(0, 97)}...` : declared;
  const length = response.headers['content-length'];
  return `${type}, ${length === undefined ? 'length not declared' : `${length} bytes`}`;
}

function tooLarge(
  maxBytes: number,
  detail: string,
  response: { status: number; bytes: number }
): ScrapeError {
  return scrapeError(
    'too_large',
    `the response is over the ${maxBytes}-byte limit (it ${detail}); an expvar page is normally a few KB, check the URL or raise the limit`,
    response
  );
}

function describeNetworkError(url: URL, error: NodeJS.ErrnoException): ScrapeError {
  const where = `${url.hostname}:${url.port || (url.protocol === 'https:' ? 443 : 80)}`;
  if (error instanceof PolicyRefusal || error.code === 'ERR_GO_RUNTIME_SCRAPE_POLICY') {
    return scrapeError('policy', error.message);
  }
  if (isTlsError(error)) {
    // OpenSSL's reason names what to fix (an unknown CA, a name mismatch, an expiry) and never
    // carries anything the target sent.
    return scrapeError(
      'tls',
      `the TLS handshake with ${where} failed (${error.code ?? 'TLS error'}: ${error.message.slice(
        0,
        200
      )}); check the target's TLS settings and CA`
    );
  }
  switch (error.code) {
    case 'ECONNREFUSED':
      return scrapeError(
        'unreachable',
        `connection refused by ${where}; is the Go service running and listening there?`
      );
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return scrapeError('dns', `host ${url.hostname} could not be resolved; check the URL`);
    case 'ETIMEDOUT':
      return scrapeError('timeout', `connecting to ${where} timed out`);
    case 'ECONNRESET':
    case 'EPIPE':
      return scrapeError(
        'unreachable',
        `${where} closed the connection before answering completely`
      );
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return scrapeError('unreachable', `${where} is not reachable from the Kibana server`);
    default:
      return scrapeError(
        'unreachable',
        `request to ${where} failed: ${error.code ?? ''} ${error.message}`.trim()
      );
  }
}

const TLS_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'CERT_SIGNATURE_FAILURE',
  'HOSTNAME_MISMATCH',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'EPROTO',
]);

function isTlsError(error: NodeJS.ErrnoException): boolean {
  const code = error.code ?? '';
  return TLS_CODES.has(code) || code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_');
}
