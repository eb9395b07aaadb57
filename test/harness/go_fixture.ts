import path from 'node:path';
import { spawnChild, type RunningChild } from '../../dev/lib/child_process';
import { BIN_DIR } from '../../dev/lib/go_build';

export type FixtureMode =
  | 'expvar'
  | 'html'
  | 'status500'
  | 'notjson'
  | 'nomemstats'
  | 'redirect'
  | 'slow'
  | 'raw'
  | 'endless';

/** What the Go process itself says, large numbers as exact decimal strings. */
export interface FixtureTruth {
  readonly num_gc: number;
  readonly pause_total_ns: string;
  readonly last_gc_ns: string;
  /** Newest first, as debug.ReadGCStats returns them. */
  readonly pauses_ns: string[];
}

/** A running expvarfixture Go process and its control endpoints. */
export interface GoFixture {
  readonly address: string;
  readonly varsUrl: string;
  setMode(mode: FixtureMode): Promise<void>;
  /** How many times /debug/vars was read. */
  hits(): Promise<number>;
  /** Runs runtime.GC() n times. */
  gc(n: number): Promise<void>;
  truth(): Promise<FixtureTruth>;
  /** Serves `body` verbatim (with mode 'raw'). */
  setBody(body: string, contentType?: string): Promise<void>;
  /** Publishes a custom var whose value is the given JSON text. */
  setVar(name: string, json: string): Promise<void>;
  /** Retains `mb` megabytes until free(). */
  alloc(mb: number): Promise<void>;
  /** Drops everything retained and collects it. */
  free(): Promise<void>;
  /** Allocates garbage at `mbps` MB/s (a sawtooth); 0 stops. */
  churn(mbps: number): Promise<void>;
  /** Retains `kbps` KB/s (a leak); 0 stops. */
  leak(kbps: number): Promise<void>;
  /** Retains `mb` MB over `seconds`, then keeps it (a cache that warms up and levels off). */
  cache(mb: number, seconds: number): Promise<void>;
  stop(): Promise<void>;
}

export async function startGoFixture(address = '127.0.0.1:0'): Promise<GoFixture> {
  const child: RunningChild = spawnChild({
    name: 'expvarfixture',
    command: path.join(BIN_DIR, 'expvarfixture'),
    args: ['-addr', address],
    ready: /^listening (\S+)$/,
    readyTimeoutMs: 10_000,
  });
  const bound = (await child.ready)[1]!;
  const base = `http://${bound}`;
  const control = async (pathAndQuery: string, init?: RequestInit) => {
    const response = await fetch(`${base}${pathAndQuery}`, init);
    if (!response.ok)
      throw new Error(`fixture control ${pathAndQuery} answered ${response.status}`);
    return response.json() as Promise<Record<string, unknown>>;
  };
  return {
    address: bound,
    varsUrl: `${base}/debug/vars`,
    setMode: async (mode) => void (await control(`/control/mode?serve=${mode}`)),
    hits: async () => Number((await control('/control/hits')).debug_vars_hits),
    gc: async (n) => void (await control(`/control/gc?n=${n}`)),
    truth: async () => (await control('/control/truth')) as unknown as FixtureTruth,
    setBody: async (body, contentType = 'application/json') =>
      void (await control(`/control/body?type=${encodeURIComponent(contentType)}`, {
        method: 'POST',
        body,
      })),
    alloc: async (mb) => void (await control(`/control/alloc?mb=${mb}`)),
    free: async () => void (await control('/control/free')),
    churn: async (mbps) => void (await control(`/control/churn?mbps=${mbps}`)),
    leak: async (kbps) => void (await control(`/control/leak?kbps=${kbps}`)),
    cache: async (mb, seconds) =>
      void (await control(`/control/cache?mb=${mb}&seconds=${seconds}`)),
    setVar: async (name, json) =>
      void (await control(
        `/control/var?name=${encodeURIComponent(name)}&json=${encodeURIComponent(json)}`
      )),
    stop: () => child.stop(),
  };
}
