/**
 * Helpers of test/bench/scale.ts: the fleet simulator, /proc readings, a bounded request
 * pool, and slot coverage counted from what Elasticsearch holds.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { spawnChild, type RunningChild } from '../../dev/lib/child_process';
import { BIN_DIR } from '../../dev/lib/go_build';

/** Instance k of the fleet is served on port k % ports (every port serves every instance). */
export function fleetUrl(ports: readonly string[], k: number): string {
  return `http://${ports[k % ports.length]}/t/${k}/debug/vars`;
}

export interface Fleet {
  readonly ports: readonly string[];
  readonly pid: number;
  /** Total /debug/vars reads so far, and how many instances were read at least once. */
  hits(): Promise<{ total: number; instances: number }>;
  /** Reads per instance 0..n-1. */
  perInstance(): Promise<number[]>;
  stop(): Promise<void>;
}

export async function startFleet(options: {
  instances: number;
  ports: number;
  restartEvery?: string;
}): Promise<Fleet> {
  const child: RunningChild = spawnChild({
    name: 'expvarfleet',
    command: path.join(BIN_DIR, 'expvarfleet'),
    args: [
      '-instances',
      String(options.instances),
      '-ports',
      String(options.ports),
      ...(options.restartEvery ? ['-restart-every', options.restartEvery] : []),
    ],
    ready: /^listening (\S+)$/,
    readyTimeoutMs: 10_000,
  });
  const ports = (await child.ready)[1]!.split(',');
  const control = async (query: string) => {
    const response = await fetch(`http://${ports[0]}/control/hits${query}`);
    if (!response.ok) throw new Error(`expvarfleet /control/hits answered ${response.status}`);
    return (await response.json()) as { total: number; instances: number; per?: number[] };
  };
  return {
    ports,
    pid: child.process.pid!,
    hits: async () => {
      const { total, instances } = await control('');
      return { total, instances };
    },
    perInstance: async () => (await control('?per=1')).per!,
    stop: () => child.stop(),
  };
}

const CLOCK_TICK_MS = 10; // USER_HZ is 100 on Linux (getconf CLK_TCK)

/** utime + stime of one process, ms. The pid must be the process itself, not a wrapper. */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may hold spaces; the fields after it are space separated.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * CLOCK_TICK_MS;
}

export function rssBytes(pid: number): number {
  const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match === null ? 0 : Number(match[1]) * 1024;
}

/** Machine-wide idle and total jiffies, for the idle share over a window. */
export function machineTicks(): { idle: number; total: number } {
  const cpu = readFileSync('/proc/stat', 'utf8')
    .split('\n')[0]!
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  return { idle: cpu[3]! + cpu[4]!, total: cpu.reduce((a, b) => a + b, 0) };
}

/** Elasticsearch's own process CPU, ms (from its node stats, so no pid hunting). */
export async function esCpuMs(esUrl: string): Promise<number> {
  const body = (await (
    await fetch(`${esUrl}/_nodes/_local/stats/process?filter_path=nodes.*.process.cpu`)
  ).json()) as {
    nodes: Record<string, { process: { cpu: { total_in_millis: number } } }>;
  };
  return Object.values(body.nodes).reduce((sum, node) => sum + node.process.cpu.total_in_millis, 0);
}

/** Runs `work` for each item with at most `inFlight` at once; returns the failures. */
export async function pool<T>(
  items: readonly T[],
  inFlight: number,
  work: (item: T) => Promise<void>
): Promise<Error[]> {
  const failures: Error[] = [];
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++]!;
      try {
        await work(item);
      } catch (error) {
        failures.push(error as Error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(inFlight, items.length) }, worker));
  return failures;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface Coverage {
  /** Due slots: targets × slots whose start lies in [from, to). */
  readonly due: number;
  /** Distinct heap documents of those targets whose slot lies in [from, to). */
  readonly heapDocs: number;
  /** All documents (heap + expvar) of those targets for slots in [from, to). */
  readonly allDocs: number;
  /** Targets with no heap document at all in the window. */
  readonly targetsWithout: number;
}

/**
 * Slot coverage from what Elasticsearch holds. A heap document's `@timestamp` is the start of
 * its slot (its `_id` is derived by the time series data stream); an expvar document's `_id`
 * is `<target id>:<slot>` (its `@timestamp` is the fetch time). The
 * window length must be a whole number of intervals, so every target, whatever its slot
 * offset, has exactly window / interval due slots in it.
 */
export async function slotCoverage(
  esUrl: string,
  targetIds: readonly string[],
  from: number,
  to: number,
  intervalMs: number
): Promise<Coverage> {
  if ((to - from) % intervalMs !== 0)
    throw new Error(`window ${to - from} ms is not a whole number of ${intervalMs} ms intervals`);
  const wanted = new Set(targetIds);
  const indices = 'metrics-go_runtime.heap-*,metrics-go_runtime.expvar-*';
  await fetch(`${esUrl}/${indices}/_refresh?allow_no_indices=true`, { method: 'POST' });
  const heap = new Set<string>();
  const all = new Set<string>();
  const covered = new Set<string>();
  const query = {
    bool: {
      filter: [
        { terms: { 'go_runtime.target.id': targetIds } },
        // Generous on both sides: the slot in the _id decides.
        {
          range: {
            '@timestamp': {
              gte: from - 60_000,
              lt: to + intervalMs + 120_000,
              format: 'epoch_millis',
            },
          },
        },
      ],
    },
  };
  const fields = 'filter_path=_scroll_id,hits.hits._id,hits.hits._index,hits.hits._source';
  let response = await esJson(
    `${esUrl}/${indices}/_search?scroll=1m&allow_no_indices=true&${fields}`,
    {
      size: 10_000,
      _source: ['go_runtime.target.id', '@timestamp'],
      sort: ['_doc'],
      query,
    }
  );
  for (;;) {
    const hits = (response.hits?.hits ?? []) as Array<{
      _id: string;
      _index: string;
      _source: any;
    }>;
    if (hits.length === 0) break;
    for (const hit of hits) {
      const isHeap = hit._index.includes('go_runtime.heap');
      const target = String(hit._source.go_runtime.target.id);
      const slot = isHeap
        ? Date.parse(hit._source['@timestamp'])
        : Number(hit._id.slice(hit._id.lastIndexOf(':') + 1));
      if (!wanted.has(target) || !(slot >= from && slot < to)) continue;
      const key = `${target}:${slot}`;
      all.add(`${isHeap ? 'h' : 'e'}|${key}`);
      if (isHeap) {
        heap.add(key);
        covered.add(target);
      }
    }
    response = await esJson(`${esUrl}/_search/scroll?${fields}`, {
      scroll: '1m',
      scroll_id: response._scroll_id,
    });
  }
  if (response._scroll_id !== undefined) {
    await fetch(`${esUrl}/_search/scroll`, {
      method: 'DELETE',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ scroll_id: response._scroll_id }),
    });
  }
  return {
    due: targetIds.length * ((to - from) / intervalMs),
    heapDocs: heap.size,
    allDocs: all.size,
    targetsWithout: targetIds.length - covered.size,
  };
}

async function esJson(url: string, body: object): Promise<any> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as any;
  if (!response.ok)
    throw new Error(`${url} answered ${response.status}: ${JSON.stringify(json).slice(0, 500)}`);
  return json;
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/**
 * Whether what was indexed moves as a Go runtime does: for up to `sample` targets, the share
 * of consecutive heap documents (in slot order) whose TotalAlloc grew, and the GC pauses the
 * documents counted. A simulator serving a frozen page, or a host indexing a stale copy,
 * shows as a share near 0.
 */
export async function evolvingShare(
  esUrl: string,
  targetIds: readonly string[],
  from: number,
  to: number,
  sample = 5
): Promise<{ grewShare: number; pauses: number; pairs: number }> {
  let grew = 0;
  let pairs = 0;
  let pauses = 0;
  for (const id of targetIds.slice(0, sample)) {
    const body = await esJson(
      `${esUrl}/metrics-go_runtime.heap-*/_search?filter_path=hits.hits._id,hits.hits._source`,
      {
        size: 1_000,
        _source: ['@timestamp', 'golang.heap.allocations.total', 'golang.heap.gc.pause.count'],
        query: {
          bool: {
            filter: [
              { term: { 'go_runtime.target.id': id } },
              { range: { '@timestamp': { gte: from, lt: to + 60_000, format: 'epoch_millis' } } },
            ],
          },
        },
      }
    );
    const docs = ((body.hits?.hits ?? []) as Array<{ _id: string; _source: any }>)
      .map((hit) => ({
        slot: Date.parse(hit._source['@timestamp']),
        heap: hit._source.golang?.heap,
      }))
      .filter((doc) => doc.slot >= from && doc.slot < to)
      .sort((a, b) => a.slot - b.slot);
    for (let i = 1; i < docs.length; i++) {
      pairs++;
      if (BigInt(docs[i]!.heap.allocations.total) > BigInt(docs[i - 1]!.heap.allocations.total))
        grew++;
    }
    for (const doc of docs) pauses += Number(doc.heap?.gc?.pause?.count ?? 0);
  }
  return { grewShare: pairs === 0 ? NaN : grew / pairs, pauses, pairs };
}
