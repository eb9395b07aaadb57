import path from 'node:path';
import { mkdirSync } from 'node:fs';
import { runCommand } from './child_process';

export const ROOT = path.resolve(__dirname, '../..');
export const BIN_DIR = path.join(ROOT, '.data', 'bin');

/** Builds the demo services and the test fixtures (stdlib only, so no module downloads). */
export async function buildGoPrograms(): Promise<{ binDir: string; ms: number }> {
  const started = performance.now();
  mkdirSync(BIN_DIR, { recursive: true });
  for (const moduleDir of ['dev/demo', 'test/fixtures/go']) {
    await runCommand('go', ['build', '-o', `${BIN_DIR}/`, './...'], {
      cwd: path.join(ROOT, moduleDir),
    });
  }
  return { binDir: BIN_DIR, ms: performance.now() - started };
}
