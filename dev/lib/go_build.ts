import path from 'node:path';
import { mkdirSync } from 'node:fs';
import { runCommand } from './child_process';

export const ROOT = path.resolve(__dirname, '../..');
export const BIN_DIR = path.join(ROOT, '.data', 'bin');

/**
 * Go modules whose programs are built. All but one are stdlib only; test/fixtures/go/apmagent
 * (the APM Go agent's fixture) is its own module so that only it downloads dependencies, which
 * `go build` fetches through the machine's GOPROXY on a fresh machine and checks against the
 * committed go.sum.
 */
const GO_MODULES = ['dev/demo', 'test/fixtures/go', 'test/fixtures/go/apmagent'];

/** Builds the demo services and the test fixtures into BIN_DIR. */
export async function buildGoPrograms(): Promise<{ binDir: string; ms: number }> {
  const started = performance.now();
  mkdirSync(BIN_DIR, { recursive: true });
  for (const moduleDir of GO_MODULES) {
    await runCommand('go', ['build', '-o', `${BIN_DIR}/`, './...'], {
      cwd: path.join(ROOT, moduleDir),
    });
  }
  return { binDir: BIN_DIR, ms: performance.now() - started };
}
