import path from 'node:path';
import { spawnChild, type RunningChild } from '../../dev/lib/child_process';
import { BIN_DIR } from '../../dev/lib/go_build';

/** A running leak fixture (test/fixtures/go/leakfixture). */
export interface LeakFixture extends RunningChild {
  /** Its base URL, once it listens. */
  readonly base: Promise<string>;
}

export interface LeakFixtureOptions {
  /** Whether it serves /debug/pprof/; the fixture's own default (on) when absent. */
  readonly pprof?: boolean;
  /** Goroutines it parks at most; the fixture's own default when absent. */
  readonly maxParked?: number;
}

/**
 * Starts the leak fixture on a free port. Returned before it listens, so a caller can keep it
 * for its cleanup first and await `base` alongside its other starts.
 */
export function startLeakFixture(name: string, options: LeakFixtureOptions = {}): LeakFixture {
  const child = spawnChild({
    name,
    command: path.join(BIN_DIR, 'leakfixture'),
    args: [
      '-addr',
      '127.0.0.1:0',
      ...(options.pprof === undefined ? [] : [`-pprof=${options.pprof}`]),
      ...(options.maxParked === undefined ? [] : ['-max-parked', String(options.maxParked)]),
    ],
    ready: /^listening (\S+)$/,
    readyTimeoutMs: 10_000,
  });
  const base = child.ready.then((match) => `http://${match[1]}`);
  // A failed start is reported to whoever awaits `base` or `ready`, not as an unhandled rejection.
  base.catch(() => undefined);
  return { ...child, base };
}
