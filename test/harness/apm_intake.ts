import http from 'node:http';
import type { AddressInfo } from 'node:net';
import readline from 'node:readline';
import type { Readable } from 'node:stream';
import zlib from 'node:zlib';
import type { Client } from '@elastic/elasticsearch';
import { SOURCE_INDICES, type SourceDocument } from './source_documents';

/**
 * A test stand-in for APM Server: it speaks the intake v2 protocol the APM agents speak and
 * writes the metricsets as APM Server would, so a real Go program instrumented with the APM Go
 * agent feeds the plugin's APM source in tests.
 *
 * Protocol (go.elastic.co/apm/v2 v2.7.1, transport/http.go): the agent asks `GET /` for the
 * server's version, polls `GET /config/v1/agents` for central config (answered `{}`: none), and
 * streams `POST /intake/v2/events` with `Content-Type: application/x-ndjson` and
 * `Content-Encoding: deflate` (zlib; gzip and none are accepted too). The body is one JSON object
 * per line: `{"metadata": {...}}` first, then `{"metricset": {...}}`, `{"transaction": {...}}`,
 * `{"span": {...}}`, `{"error": {...}}`... A request stays open while the agent streams into it
 * (ELASTIC_APM_API_REQUEST_TIME, 10 s by default), so lines are handled as they arrive.
 *
 * Intake → document, as elastic/apm-data does it (paths at the commits the search tool gave):
 * - input/elasticapm/internal/modeldecoder/v2/decoder.go (5e901c06), mapToMetadataModel and
 *   mapToMetricsetModel: metadata.service.{name,version,environment} → service.*,
 *   service.node.configured_name → service.node.name, service.agent.{name,version,
 *   ephemeral_id} → agent.*, service.language/runtime → service.language/runtime,
 *   system.configured_hostname → host.name, system.detected_hostname (else the deprecated
 *   system.hostname, which the Go agent sends) → host.hostname, system.architecture →
 *   host.architecture, system.platform → host.os.platform, system.container.id → container.id,
 *   process.{pid,title} → process.*, metadata.labels and metricset.tags → labels.*;
 *   metricset.timestamp (µs since the epoch) → @timestamp (absent: the time of the request);
 *   each sample `name: {value}` → the field `name` with that value.
 * - model/modelprocessor/hostname.go (169d5e8c): host.name ← host.hostname when unset
 *   (the Kubernetes rules there are not mirrored: the Go agent sends no kubernetes.* here).
 * - model/modelprocessor/nodename.go (169d5e8c): service.node.name ← container.id ← host.name.
 * - model/modelprocessor/datastream.go (4b93eae0) with internal_metrics.go (9ebf42c1): a
 *   metricset with transaction or span fields (the agent's breakdown metrics), or whose samples
 *   are all internal names (golang.*, system.*), goes to `metrics-apm.internal-<namespace>`;
 *   any other goes to `metrics-apm.app.<service>-<namespace>`.
 * - processor.event `metric`; metricset.name `app` for the builtin metricset and
 *   `span_breakdown` for breakdown metrics (span.self_time.*).
 * What is written: every metricset bound for metrics-apm.internal (builtin golang.* and system.*
 * samples, and breakdown metricsets, which the plugin must filter out by metricset.name).
 * What is skipped: application metricsets (`metrics-apm.app.*`, which the Go agent sends only
 * for gatherers the application registers), and transactions, spans and errors (traces and logs
 * data streams, which no Go runtime panel reads).
 */

/** Internal metric names the Go agent sends (a subset of apm-data's IsInternalMetricName). */
const INTERNAL_METRIC_NAMES = new Set([
  'golang.goroutines',
  'golang.heap.allocations.mallocs',
  'golang.heap.allocations.frees',
  'golang.heap.allocations.objects',
  'golang.heap.allocations.total',
  'golang.heap.allocations.allocated',
  'golang.heap.allocations.idle',
  'golang.heap.allocations.active',
  'golang.heap.system.total',
  'golang.heap.system.obtained',
  'golang.heap.system.stack',
  'golang.heap.system.released',
  'golang.heap.gc.next_gc_limit',
  'golang.heap.gc.total_count',
  'golang.heap.gc.total_pause.ns',
  'golang.heap.gc.cpu_fraction',
  'system.cpu.total.norm.pct',
  'system.process.cpu.total.norm.pct',
  'system.memory.total',
  'system.memory.actual.free',
  'system.process.memory.size',
  'system.process.memory.rss.bytes',
]);

type Json = Record<string, any>;

function setPath(target: Json, dotted: string, value: unknown): void {
  const parts = dotted.split('.');
  let node = target;
  for (const part of parts.slice(0, -1)) {
    if (typeof node[part] !== 'object' || node[part] === null) node[part] = {};
    node = node[part];
  }
  node[parts[parts.length - 1]!] = value;
}

const nonEmpty = (value: unknown): value is string => typeof value === 'string' && value !== '';

/** The fields every event of a request shares, from its `metadata` line. */
export function metadataFields(metadata: Json): Json {
  const service = metadata.service ?? {};
  const system = metadata.system ?? {};
  const out: Json = {};
  if (nonEmpty(service.agent?.name)) setPath(out, 'agent.name', service.agent.name);
  if (nonEmpty(service.agent?.version)) setPath(out, 'agent.version', service.agent.version);
  if (nonEmpty(service.agent?.ephemeral_id))
    setPath(out, 'agent.ephemeral_id', service.agent.ephemeral_id);
  if (nonEmpty(service.name)) setPath(out, 'service.name', service.name);
  if (nonEmpty(service.version)) setPath(out, 'service.version', service.version);
  if (nonEmpty(service.environment)) setPath(out, 'service.environment', service.environment);
  if (nonEmpty(service.node?.configured_name))
    setPath(out, 'service.node.name', service.node.configured_name);
  for (const part of ['language', 'runtime'] as const) {
    if (nonEmpty(service[part]?.name)) setPath(out, `service.${part}.name`, service[part].name);
    if (nonEmpty(service[part]?.version))
      setPath(out, `service.${part}.version`, service[part].version);
  }
  if (nonEmpty(system.configured_hostname)) setPath(out, 'host.name', system.configured_hostname);
  if (nonEmpty(system.detected_hostname)) setPath(out, 'host.hostname', system.detected_hostname);
  else if (!nonEmpty(system.configured_hostname) && nonEmpty(system.hostname))
    setPath(out, 'host.hostname', system.hostname);
  if (nonEmpty(system.architecture)) setPath(out, 'host.architecture', system.architecture);
  if (nonEmpty(system.platform)) setPath(out, 'host.os.platform', system.platform);
  if (nonEmpty(system.container?.id)) setPath(out, 'container.id', system.container.id);
  if (typeof metadata.process?.pid === 'number') setPath(out, 'process.pid', metadata.process.pid);
  if (nonEmpty(metadata.process?.title)) setPath(out, 'process.title', metadata.process.title);
  if (metadata.labels && typeof metadata.labels === 'object') out.labels = { ...metadata.labels };
  // SetHostHostname, then SetServiceNodeName.
  if (!out.host?.name && out.host?.hostname) out.host.name = out.host.hostname;
  if (!out.service?.node?.name) {
    const node = out.container?.id ?? out.host?.name;
    if (node) setPath(out, 'service.node.name', node);
  }
  return out;
}

/**
 * The document APM Server writes for one metricset, or undefined for one it writes elsewhere
 * than metrics-apm.internal (see the comment at the top).
 */
export function metricsetDocument(
  shared: Json,
  metricset: Json,
  receivedAt: number,
  namespace = 'default'
): SourceDocument | undefined {
  const samples: Json = metricset.samples ?? {};
  const names = Object.keys(samples);
  const breakdown = Boolean(metricset.transaction?.name || metricset.span?.type);
  if (names.length === 0) return undefined;
  if (!breakdown && !names.every((name) => INTERNAL_METRIC_NAMES.has(name))) return undefined;
  const document: Json = structuredClone(shared);
  const timestampMs =
    typeof metricset.timestamp === 'number' ? Math.floor(metricset.timestamp / 1000) : receivedAt;
  document['@timestamp'] = new Date(timestampMs).toISOString();
  document.data_stream = { type: 'metrics', dataset: 'apm.internal', namespace };
  document.processor = { event: 'metric' };
  document.metricset = {
    name: names.some((name) => name.startsWith('span.self_time.')) ? 'span_breakdown' : 'app',
  };
  document.observer = { hostname: 'test-apm-intake', type: 'apm-server', version: '9.5.3' };
  if (metricset.tags && typeof metricset.tags === 'object')
    document.labels = { ...document.labels, ...metricset.tags };
  if (metricset.transaction?.name)
    setPath(document, 'transaction.name', metricset.transaction.name);
  if (metricset.transaction?.type)
    setPath(document, 'transaction.type', metricset.transaction.type);
  if (metricset.span?.type) setPath(document, 'span.type', metricset.span.type);
  if (metricset.span?.subtype) setPath(document, 'span.subtype', metricset.span.subtype);
  for (const name of names) {
    const value = samples[name]?.value;
    if (typeof value === 'number') setPath(document, name, value);
  }
  return { index: SOURCE_INDICES.apm(namespace), document };
}

export interface ApmIntakeOptions {
  readonly client: Client;
  /** The data stream namespace (APM Server's `default` unless a test keeps its data apart). */
  readonly namespace?: string;
}

export interface ApmIntake {
  /** For ELASTIC_APM_SERVER_URL. */
  readonly url: string;
  /** Documents written so far. */
  written(): number;
  /** Lines the intake could not handle or documents Elasticsearch refused, for assertions. */
  readonly problems: readonly string[];
  /** Every request's method and path, in order of arrival. */
  readonly requests: readonly string[];
  /** Resolves when every metricset received so far is written (or refused). */
  settled(): Promise<void>;
  stop(): Promise<void>;
}

function decoded(request: http.IncomingMessage): Readable {
  switch ((request.headers['content-encoding'] ?? '').toLowerCase()) {
    case 'deflate':
      return request.pipe(zlib.createInflate());
    case 'gzip':
      return request.pipe(zlib.createGunzip());
    default:
      return request;
  }
}

/** Starts the intake on a free port of 127.0.0.1. Install the source templates first. */
export async function startApmIntake(options: ApmIntakeOptions): Promise<ApmIntake> {
  const problems: string[] = [];
  const requests: string[] = [];
  let written = 0;
  // One write at a time, in order of arrival, so documents of one stream keep their order.
  let writes: Promise<void> = Promise.resolve();
  const write = (doc: SourceDocument) => {
    writes = writes.then(async () => {
      try {
        await options.client.index({ index: doc.index, document: doc.document, op_type: 'create' });
        written++;
      } catch (error) {
        problems.push(`refused: ${String(error)}`);
      }
    });
  };

  async function intake(request: http.IncomingMessage, response: http.ServerResponse) {
    const receivedAt = Date.now();
    let shared: Json | undefined;
    const lines = readline.createInterface({ input: decoded(request), crlfDelay: Infinity });
    try {
      for await (const line of lines) {
        if (line.trim() === '') continue;
        const event = JSON.parse(line) as Json;
        if (shared === undefined) {
          if (!event.metadata) throw new Error(`first line is not metadata: ${line.slice(0, 80)}`);
          shared = metadataFields(event.metadata);
          continue;
        }
        if (event.metricset) {
          const doc = metricsetDocument(shared, event.metricset, receivedAt, options.namespace);
          if (doc) write(doc);
        }
      }
      response.writeHead(202).end();
    } catch (error) {
      problems.push(`intake: ${String(error)}`);
      response
        .writeHead(400, { 'content-type': 'application/json' })
        .end(JSON.stringify({ accepted: 0, errors: [{ message: String(error) }] }));
    }
  }

  const server = http.createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0]!;
    requests.push(`${request.method} ${path}`);
    if (request.method === 'POST' && path === '/intake/v2/events') {
      void intake(request, response);
      return;
    }
    request.resume();
    if (path === '/') {
      response
        .writeHead(200, { 'content-type': 'application/json' })
        .end(
          JSON.stringify({ version: '9.5.3', build_date: '', build_sha: '', publish_ready: true })
        );
    } else if (path === '/config/v1/agents') {
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    written: () => written,
    problems,
    requests,
    settled: () => writes,
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await writes;
    },
  };
}
