import { execFile } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

// The strict TypeScript build is part of the test run: a type error is a failed test.
it('the whole project type-checks under strict settings', async () => {
  const output = await new Promise<string>((resolve) => {
    execFile(
      process.execPath,
      [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', ROOT, '--noEmit'],
      { cwd: ROOT },
      (_error, stdout, stderr) => resolve(`${stdout}${stderr}`.trim())
    );
  });
  expect(output).toBe('');
}, 120_000);
