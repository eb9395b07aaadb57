import { execFile } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

function run(script: string, args: string[]): Promise<{ failed: boolean; output: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(ROOT, 'node_modules', script), ...args],
      { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) =>
        resolve({ failed: error !== null, output: `${stdout}${stderr}`.trim() })
    );
  });
}

// Kibana's lint and format rules are part of the test run (eslint.config.mjs, .prettierrc):
// a lint error or an unformatted file is a failed test, with the files named.
it('ESLint finds no problem in the tree', async () => {
  const result = await run('eslint/bin/eslint.js', ['.', '--max-warnings', '0']);
  expect(result.failed ? result.output : '').toBe('');
}, 300_000);

it('every source file is formatted by Prettier', async () => {
  const result = await run('prettier/bin-prettier.js', ['--check', '**/*.{ts,tsx,js,mjs}']);
  expect(result.failed ? result.output : '').toBe('');
}, 300_000);
