/**
 * The dashboard and storage benches at smoke scale (BENCH_SMOKE=1), as `npm test` runs them, so
 * that neither rots between the runs that measure: each must exit 0 and print its figure lines.
 * Each bench starts its own Elasticsearch on a port derived from the suite's
 * (GO_RUNTIME_TEST_ES_PORT + 42 and + 43, as the outage tests take + 40 and + 41), so two
 * checkouts' suites side by side do not collide.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const BASE_PORT = Number(process.env.GO_RUNTIME_TEST_ES_PORT ?? 9250);

function runBench(
  script: string,
  port: number
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      BENCH_SMOKE: '1',
      BENCH_ES_PORT: String(port),
    };
    // Its own cluster: the bench writes data the suite's tests would see.
    delete env.ES_URL;
    for (const name of Object.keys(env))
      if (name.startsWith('BENCH_') && !['BENCH_SMOKE', 'BENCH_ES_PORT'].includes(name))
        delete env[name];
    const child = spawn(path.join(ROOT, 'node_modules', '.bin', 'tsx'), [script], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('benches at smoke scale', () => {
  it('the storage bench prints bytes per sample and both ratios to the integration', async () => {
    const run = await runBench('test/bench/storage.ts', BASE_PORT + 42);
    expect({ code: run.code, stderr: run.code === 0 ? '' : run.stderr.slice(-2_000) }).toEqual({
      code: 0,
      stderr: '',
    });
    expect(run.stdout).toMatch(
      /^\| integration \| [\d.]+ \| heap [\d.]+ \+ expvar [\d.]+ \| 1\.00 \|$/m
    );
    for (const layout of ['plugin-stored', 'plugin-synthetic'])
      expect(run.stdout).toMatch(
        new RegExp(`^RATIO ${layout} [\\d.]+ B/sample = [\\d.]+× integration`, 'm')
      );
  }, 300_000);

  it('the dashboard bench prints every query’s percentiles and the page load', async () => {
    const run = await runBench('test/bench/dashboard.ts', BASE_PORT + 43);
    expect({ code: run.code, stderr: run.code === 0 ? '' : run.stderr.slice(-2_000) }).toEqual({
      code: 0,
      stderr: '',
    });
    expect(run.stdout).toMatch(/^\| 24 h \| [^|]+ \| \d+ \| \d+ \|/m);
    expect(run.stdout).toMatch(
      /page, 24 h, navigation → all \d+ panels drawn: p50 \d+ ms, p95 \d+ ms/
    );
  }, 300_000);
});
