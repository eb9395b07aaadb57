import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findBrokenLinks, headingSlugs, linksIn, markdownFiles } from './doc_links';

const ROOT = path.resolve(__dirname, '../..');

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'doc-links-'));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return root;
}

describe('links in README.md, docs/ and dev_docs/', () => {
  it('every relative link and anchor resolves', () => {
    const files = markdownFiles(ROOT);
    expect(files).toEqual(expect.arrayContaining(['README.md']));
    expect(files.some((f) => f.startsWith('docs/'))).toBe(true);
    expect(files.some((f) => f.startsWith('dev_docs/'))).toBe(true);
    expect(findBrokenLinks(ROOT, files)).toEqual([]);
  });

  // The check must be able to fail: each kind of broken link is caught, good ones are not.
  it('catches a missing file, a missing anchor and a link out of the repository', () => {
    const root = tree({
      'README.md': [
        '# Title',
        'See [config](docs/configuration.md#the-settings) and [gone](docs/gone.md).',
        'Also [bad anchor](docs/configuration.md#nope), [here](#title), [up](../x.md).',
        '![shot](docs/images/missing.png) [ext](https://example.com/#x)',
      ].join('\n'),
      'docs/configuration.md': '## The settings\n',
    });
    expect(findBrokenLinks(root, markdownFiles(root))).toEqual([
      expect.objectContaining({ line: 2, link: 'docs/gone.md' }),
      expect.objectContaining({ line: 3, link: 'docs/configuration.md#nope' }),
      expect.objectContaining({ line: 3, link: '../x.md' }),
      expect.objectContaining({ line: 4, link: 'docs/images/missing.png' }),
    ]);
  });

  it('ignores links inside code', () => {
    expect(linksIn('`[a](b.md)`\n```\n[c](d.md)\n```\n[e](f.md)')).toEqual([
      { line: 5, target: 'f.md' },
    ]);
  });

  it.each([
    ['## Install into Kibana', 'install-into-kibana'],
    [
      '### Scrape health (`metrics-go_runtime.scrape-<namespace>`)',
      'scrape-health-metrics-go_runtimescrape-namespace',
    ],
    ['## Configuration (`kibana.yml`)', 'configuration-kibanayml'],
    ['## Export, import and secrets', 'export-import-and-secrets'],
    ['## Limits: today / **later**', 'limits-today--later'],
    ['## [Linked](x.md) heading', 'linked-heading'],
  ])('slugs %s as GitHub does', (heading, slug) => {
    expect(headingSlugs(heading)).toEqual(new Set([slug]));
  });

  it('numbers repeated headings', () => {
    expect(headingSlugs('## Figures\n## Figures\n## Figures')).toEqual(
      new Set(['figures', 'figures-1', 'figures-2'])
    );
  });
});
