/**
 * The floor of test/bench/scale.ts: the least a Node process must do for the same job. Each
 * target is fetched once per interval (at its own offset, at most one fetch per target in
 * flight, `concurrency` fetches at once, keep-alive agents like the plugin's), the body is
 * JSON.parse'd, and one small document per scrape is bulk-written to Elasticsearch every
 * 200 ms. No parsing beyond JSON.parse, no derivation, no state.
 *
 *   tsx test/bench/scale_floor.ts '{"esUrl":..., "ports":[...], "targets":N, "intervalMs":..., "concurrency":..., "durationMs":...}'
 *
 * Prints `floor ready <pid>` when it starts and one JSON line of counts when it ends; it stops
 * by itself after durationMs.
 */
import http from 'node:http';
import { fleetUrl } from './scale_lib';

interface FloorOptions {
  esUrl: string;
  index: string;
  ports: string[];
  targets: number;
  intervalMs: number;
  concurrency: number;
  durationMs: number;
}

const options = JSON.parse(process.argv[2] ?? '{}') as FloorOptions;
const agent = new http.Agent({ keepAlive: true, maxSockets: 2, maxFreeSockets: 1 });
const esAgent = new http.Agent({ keepAlive: true, maxSockets: 4 });

function get(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { agent, timeout: options.intervalMs }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        response.statusCode === 200
          ? resolve(Buffer.concat(chunks).toString('utf8'))
          : reject(new Error(`HTTP ${response.statusCode}`))
      );
      response.on('error', reject);
    });
    request.on('timeout', () => request.destroy(new Error('timeout')));
    request.on('error', reject);
  });
}

function post(url: string, body: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      { method: 'POST', agent: esAgent, headers: { 'content-type': 'application/x-ndjson' } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        response.on('error', reject);
      }
    );
    request.on('error', reject);
    request.end(body);
  });
}

const urls = Array.from({ length: options.targets }, (_, k) => fleetUrl(options.ports, k));
const offsets = urls.map((_, k) => Math.floor((k * options.intervalMs) / options.targets));
const inFlight = new Array<boolean>(options.targets).fill(false);
const queue: Array<{ k: number; slot: number }> = [];
let pending: string[] = [];
const counts = { scrapes: 0, failures: 0, skipped: 0, documents: 0, bulkErrors: 0 };
let running = 0;

function pump(): void {
  while (running < options.concurrency && queue.length > 0) {
    const { k, slot } = queue.shift()!;
    running++;
    inFlight[k] = true;
    get(urls[k]!)
      .then((body) => {
        const page = JSON.parse(body) as { memstats: { HeapAlloc: number; NumGC: number } };
        counts.scrapes++;
        pending.push(
          JSON.stringify({ create: { _index: options.index, _id: `${k}:${slot}` } }),
          JSON.stringify({
            '@timestamp': new Date().toISOString(),
            target: k,
            heap_alloc: page.memstats.HeapAlloc,
            num_gc: page.memstats.NumGC,
          })
        );
      })
      .catch(() => counts.failures++)
      .finally(() => {
        running--;
        inFlight[k] = false;
        pump();
      });
  }
}

// Targets in offset order (offsets grow with k): one cursor walks them once per interval, so
// planning costs O(due) per tick, not O(targets).
let cycleStart = Math.floor(Date.now() / options.intervalMs) * options.intervalMs;
let nextK = offsets.findIndex((offset) => cycleStart + offset >= Date.now());
if (nextK < 0) {
  nextK = 0;
  cycleStart += options.intervalMs;
}

function plan(): void {
  const now = Date.now();
  while (cycleStart + offsets[nextK]! <= now) {
    const k = nextK;
    const slot = cycleStart + offsets[k]!;
    if (inFlight[k]) counts.skipped++;
    else queue.push({ k, slot });
    nextK++;
    if (nextK === options.targets) {
      nextK = 0;
      cycleStart += options.intervalMs;
    }
  }
  pump();
}

async function flush(): Promise<void> {
  if (pending.length === 0) return;
  const body = `${pending.join('\n')}\n`;
  const n = pending.length / 2;
  pending = [];
  try {
    const answer = JSON.parse(await post(`${options.esUrl}/_bulk?filter_path=errors`, body)) as {
      errors?: boolean;
    };
    if (answer.errors === true) counts.bulkErrors++;
    counts.documents += n;
  } catch {
    counts.bulkErrors++;
  }
}

process.stdout.write(`floor ready ${process.pid}\n`);
const planner = setInterval(plan, 50);
let flushing = Promise.resolve();
const flusher = setInterval(() => (flushing = flushing.then(flush)), 200);
setTimeout(async () => {
  clearInterval(planner);
  clearInterval(flusher);
  await flushing;
  await flush();
  process.stdout.write(`${JSON.stringify(counts)}\n`);
  process.exit(0);
}, options.durationMs);
