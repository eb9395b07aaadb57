import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  findBoundaryViolations,
  importSpecifiers,
  shippedSourceFiles,
} from '../../dev/checks/import_boundary';

const ROOT = path.resolve(__dirname, '../..');

describe('the @kbn boundary', () => {
  it('common/, server/ and public/ never import from dev/', () => {
    expect(findBoundaryViolations(ROOT)).toEqual([]);
  });

  // The check must be able to fail: a tree with each kind of forbidden import is caught.
  it.each([
    ['server/plugin.ts', "import { DevHost } from '../dev/host/host';"],
    ['server/routes/x.ts', "import type { Logger } from '../../dev/kbn/core/server';"],
    ['public/app.tsx', "const m = await import('../dev/host/browser/main');"],
    ['common/x.ts', "export { i18n } from '../dev/kbn/i18n';"],
    ['server/y.ts', "const x = require('../dev/lib/child_process');"],
  ])('catches %s: %s', (file, line) => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'boundary-'));
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), `${line}\n`);
    expect(findBoundaryViolations(root)).toEqual([expect.objectContaining({ file, line: 1 })]);
  });

  it('allows @kbn names and files inside the shipped folders', () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'boundary-'));
    mkdirSync(path.join(root, 'server'), { recursive: true });
    writeFileSync(
      path.join(root, 'server/ok.ts'),
      "import type { Logger } from '@kbn/core/server';\nimport { x } from '../common/devices';\n"
    );
    expect(findBoundaryViolations(root)).toEqual([]);
  });

  // Kibana shares @kbn/datemath with plugins, not @elastic/datemath: a shipped import of the
  // npm package would be bundled into the plugin instead of using Kibana's copy.
  it('takes date math from @kbn/datemath', () => {
    const offenders = shippedSourceFiles(ROOT).flatMap((file) =>
      importSpecifiers(readFileSync(file, 'utf8'))
        .filter(({ specifier }) => specifier === '@elastic/datemath')
        .map(({ line }) => `${path.relative(ROOT, file)}:${line}`)
    );
    expect(offenders).toEqual([]);
  });
});
