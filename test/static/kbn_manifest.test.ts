import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  collectFieldUses,
  collectKbnImports,
  kbnImportsOf,
  manifestProblems,
  standInProblems,
  type KbnManifest,
} from '../../dev/checks/kbn_manifest';
import { PINNED_KIBANA_RELEASE } from '../../dev/build/supported_releases';

const ROOT = path.resolve(__dirname, '../..');
const manifest = JSON.parse(
  readFileSync(path.join(ROOT, 'dev/kbn/MANIFEST.json'), 'utf8')
) as KbnManifest;

describe('dev/kbn/MANIFEST.json', () => {
  it('lists every @kbn symbol the plugin imports and every field it uses on them', () => {
    expect(
      manifestProblems(manifest, {
        imports: collectKbnImports(ROOT),
        fields: collectFieldUses(ROOT),
      })
    ).toEqual([]);
  }, 60_000);

  it('names symbols the stand-ins declare, each citing the Kibana file it mirrors', () => {
    expect(standInProblems(ROOT, manifest)).toEqual([]);
  });
});

describe('the manifest check can fail', () => {
  // Each import form, with a symbol the manifest does not list, is caught.
  it.each([
    ['named', "import { NotInKibana } from '@kbn/core/server';", 'NotInKibana'],
    ['renamed', "import { NotInKibana as X } from '@kbn/core/server';", 'NotInKibana'],
    ['type-only', "import type { NotInKibana } from '@kbn/core/server';", 'NotInKibana'],
    ['inline type', "import { type NotInKibana, i18n } from '@kbn/i18n';", 'NotInKibana'],
    ['default', "import NotInKibana from '@kbn/i18n';", 'default'],
    [
      'namespace',
      "import * as core from '@kbn/core/server';\nexport const x = core.NotInKibana;",
      'NotInKibana',
    ],
    ['re-export', "export { NotInKibana } from '@kbn/core/server';", 'NotInKibana'],
    ['export *', "export * from '@kbn/core/server';", '*'],
    [
      'dynamic, destructured',
      "export async function f() { const { NotInKibana } = await import('@kbn/core/server'); return NotInKibana; }",
      'NotInKibana',
    ],
    [
      'dynamic, member',
      "export async function f() { return (await import('@kbn/core/server')).NotInKibana; }",
      'NotInKibana',
    ],
    ['dynamic, whole module', "export const m = import('@kbn/core/server').then((x) => x);", '*'],
    ['require', "const { NotInKibana } = require('@kbn/core/server');", 'NotInKibana'],
    ['import type()', "export type T = import('@kbn/core/server').NotInKibana;", 'NotInKibana'],
  ])('%s import', (_kind, line, symbol) => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'kbn-manifest-'));
    mkdirSync(path.join(root, 'server'), { recursive: true });
    writeFileSync(path.join(root, 'server/extra.ts'), `${line}\n`);
    const imports = collectKbnImports(root);
    expect(imports).toContainEqual(expect.objectContaining({ file: 'server/extra.ts', symbol }));
    expect(manifestProblems(manifest, { imports, fields: [] })).toContainEqual({
      problem: expect.stringContaining(`${symbol} is imported but not listed`),
      where: expect.stringMatching(/^server\/extra\.ts:\d+$/),
    });
  });

  it('accepts a listed import', () => {
    const imports = kbnImportsOf('server/ok.ts', "import { i18n } from '@kbn/i18n';\n");
    expect(manifestProblems(manifest, { imports, fields: [] })).toEqual([]);
  });

  it('catches a field of a listed symbol that the manifest does not list', () => {
    // A copy of the project with one more shipped file, type-checked against the real stand-ins.
    const root = mkdtempSync(path.join(os.tmpdir(), 'kbn-manifest-'));
    for (const entry of ['dev', 'node_modules', 'tsconfig.json'])
      symlinkSync(path.join(ROOT, entry), path.join(root, entry));
    mkdirSync(path.join(root, 'server'), { recursive: true });
    writeFileSync(
      path.join(root, 'server/extra.ts'),
      "import type { Logger } from '@kbn/core/server';\nexport const f = (logger: Logger) => logger.fatal('x');\n"
    );
    const fields = collectFieldUses(root);
    expect(fields).toContainEqual(
      expect.objectContaining({ module: '@kbn/core/server', symbol: 'Logger', field: 'fatal' })
    );
    expect(manifestProblems(manifest, { imports: collectKbnImports(root), fields })).toEqual([
      {
        problem: '@kbn/core/server Logger.fatal is used but not listed in the manifest',
        where: 'server/extra.ts:2',
      },
    ]);
  }, 60_000);

  it('catches an entry without a Kibana path', () => {
    const broken: KbnManifest = {
      kibanaRelease: PINNED_KIBANA_RELEASE,
      entries: [
        {
          module: '@kbn/i18n',
          symbol: 'i18n',
          kibanaPath: 'somewhere',
          note: 'not read',
          imported: true,
          fields: [],
        },
      ],
    };
    expect(manifestProblems(broken, { imports: [], fields: [] })).toEqual([
      { problem: expect.stringContaining('needs the Kibana source path') },
    ]);
    expect(standInProblems(ROOT, broken)).toEqual([
      expect.objectContaining({ problem: expect.stringContaining('does not cite somewhere') }),
    ]);
  });

  it('catches a manifest that does not name the pinned release', () => {
    expect(
      manifestProblems({ ...manifest, kibanaRelease: '9.3.0' }, { imports: [], fields: [] })
    ).toEqual([
      {
        problem: `the manifest mirrors Kibana 9.3.0, but the pinned release is ${PINNED_KIBANA_RELEASE}`,
      },
    ]);
  });

  it('catches an entry with neither the commit it was compared with nor a note', () => {
    const entry = {
      module: '@kbn/i18n',
      symbol: 'i18n',
      kibanaPath: 'src/platform/packages/shared/kbn-i18n/index.ts',
      imported: true,
      fields: [],
    };
    const check = (entries: KbnManifest['entries']) =>
      manifestProblems(
        { kibanaRelease: PINNED_KIBANA_RELEASE, entries },
        { imports: [], fields: [] }
      );
    expect(check([entry])).toEqual([
      {
        problem: expect.stringContaining(
          'needs the commit of the src/platform/packages/shared/kbn-i18n/index.ts'
        ),
      },
    ]);
    expect(check([{ ...entry, commit: 'main' }])).toEqual([
      { problem: expect.stringContaining('commit must be 40 hex digits, got [main]') },
    ]);
    expect(check([{ ...entry, note: 'the index holds no copy' }])).toEqual([]);
    expect(
      check([
        { ...entry, commit: 'a'.repeat(40) },
        { ...entry, symbol: 'other', commit: 'b'.repeat(40) },
      ])
    ).toEqual([{ problem: expect.stringContaining('names commit bbbb') }]);
  });

  it('every entry of the checked-in manifest names its commit or says why not', () => {
    expect(manifest.kibanaRelease).toBe(PINNED_KIBANA_RELEASE);
    expect(manifest.entries.filter((e) => e.commit === undefined && e.note === undefined)).toEqual(
      []
    );
  });
});
