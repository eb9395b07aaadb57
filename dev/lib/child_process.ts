import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';

export interface RunningChild {
  readonly name: string;
  readonly process: ChildProcess;
  /** Resolves with the first stdout/stderr line matching `ready`, rejects if the child exits first. */
  readonly ready: Promise<RegExpMatchArray>;
  stop(signal?: NodeJS.Signals, graceMs?: number): Promise<void>;
  /**
   * SIGKILL to the child and everything it started (with `processGroup`): a wrapper such as
   * tsx cannot pass on a SIGKILL, so killing the wrapper alone would leave the real process up.
   */
  kill(): Promise<void>;
}

export interface SpawnOptions {
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly ready: RegExp;
  readonly readyTimeoutMs: number;
  /** Where the child's output goes; it is also echoed with a prefix when `echo` is set. */
  readonly logFile?: string;
  readonly echo?: boolean;
  /** Sees every output line, e.g. for tests that assert on what the child logged. */
  readonly onLine?: (line: string) => void;
  /** Starts the child in a process group of its own, so that kill() reaches its children too. */
  readonly processGroup?: boolean;
}

/**
 * Starts a child whose readiness is a line it prints. Output is kept in a log file, so a child
 * that dies at start-up can be explained by the last lines it wrote.
 */
export function spawnChild(options: SpawnOptions): RunningChild {
  const child = spawn(options.command, [...options.args], {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: options.processGroup === true,
  });
  const log =
    options.logFile === undefined ? undefined : createWriteStream(options.logFile, { flags: 'a' });
  const tail: string[] = [];
  let resolveReady!: (match: RegExpMatchArray) => void;
  let rejectReady!: (error: Error) => void;
  const ready = new Promise<RegExpMatchArray>((resolve, reject) => {
    resolveReady = resolve;
    rejectReady = reject;
  });
  let isReady = false;
  const timer = setTimeout(
    () =>
      rejectReady(
        new Error(
          `${options.name} was not ready within ${
            options.readyTimeoutMs
          } ms; last output:\n${tail.join('\n')}`
        )
      ),
    options.readyTimeoutMs
  );
  let buffered = '';
  const onData = (chunk: Buffer) => {
    log?.write(chunk);
    buffered += chunk.toString('utf8');
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) {
      tail.push(line);
      if (tail.length > 40) tail.shift();
      if (options.echo === true) process.stdout.write(`[${options.name}] ${line}\n`);
      options.onLine?.(line);
      const match = isReady ? null : options.ready.exec(line);
      if (match !== null) {
        isReady = true;
        clearTimeout(timer);
        resolveReady(match);
      }
    }
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.once('exit', (code, signal) => {
    clearTimeout(timer);
    log?.end();
    if (!isReady)
      rejectReady(
        new Error(
          `${options.name} exited (${
            code ?? signal
          }) before it was ready; last output:\n${tail.join('\n')}`
        )
      );
  });
  child.once('error', (error) =>
    rejectReady(new Error(`${options.name} could not start: ${error.message}`))
  );
  ready.catch(() => undefined);

  return {
    name: options.name,
    process: child,
    ready,
    async stop(signal: NodeJS.Signals = 'SIGTERM', graceMs = 15_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill(signal);
      const timeout = new Promise<'timeout'>((resolve) =>
        setTimeout(() => resolve('timeout'), graceMs).unref()
      );
      if ((await Promise.race([exited, timeout])) === 'timeout') {
        child.kill('SIGKILL');
        await exited;
      }
    },
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      if (options.processGroup === true && child.pid !== undefined)
        process.kill(-child.pid, 'SIGKILL');
      else child.kill('SIGKILL');
      await exited;
    },
  };
}

/** Runs a command to completion; rejects with its output when it fails. */
export function runCommand(
  command: string,
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, [...args], {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.once('error', (error) =>
      reject(new Error(`${command} could not start: ${error.message}`))
    );
    child.once('exit', (code) =>
      code === 0
        ? resolve(output)
        : reject(
            new Error(`${command} ${args.join(' ')} failed (${code}):\n${output.slice(-4000)}`)
          )
    );
  });
}
