import path from 'node:path';
import { spawnChild, type RunningChild } from '../../dev/lib/child_process';
import { BIN_DIR } from '../../dev/lib/go_build';

export type FixtureMode = 'expvar' | 'html' | 'status500' | 'notjson' | 'nomemstats' | 'redirect' | 'slow';

/** A running expvarfixture Go process and its control endpoints. */
export interface GoFixture {
  readonly address: string;
  readonly varsUrl: string;
  setMode(mode: FixtureMode): Promise<void>;
  /** How many times /debug/vars was read. */
  hits(): Promise<number>;
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
  const control = async (pathAndQuery: string) => {
    const response = await fetch(`${base}${pathAndQuery}`);
    if (!response.ok) throw new Error(`fixture control ${pathAndQuery} answered ${response.status}`);
    return response.json() as Promise<Record<string, unknown>>;
  };
  return {
    address: bound,
    varsUrl: `${base}/debug/vars`,
    setMode: async (mode) => void (await control(`/control/mode?serve=${mode}`)),
    hits: async () => Number((await control('/control/hits')).debug_vars_hits),
    stop: () => child.stop(),
  };
}
