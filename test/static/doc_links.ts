import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * Relative links and anchors in the project's Markdown, checked the way GitHub resolves them:
 * a path relative to the linking file (or to the repository root when it starts with `/`), and
 * a `#fragment` that must equal the slug GitHub gives one of the target file's headings.
 */

export interface BrokenLink {
  file: string;
  line: number;
  link: string;
  problem: string;
}

/** README.md, docs/**.md and dev_docs/**.md, relative to root, sorted. */
export function markdownFiles(root: string): string[] {
  const found = existsSync(path.join(root, 'README.md')) ? ['README.md'] : [];
  const walk = (dir: string) => {
    const abs = path.join(root, dir);
    if (!existsSync(abs)) return;
    for (const entry of readdirSync(abs, { withFileTypes: true })) {
      const rel = path.posix.join(dir, entry.name);
      if (entry.isDirectory()) walk(rel);
      else if (entry.name.endsWith('.md')) found.push(rel);
    }
  };
  walk('docs');
  walk('dev_docs');
  return found.sort();
}

/** Lines outside fenced code blocks, with inline code spans blanked (links there are text). */
function proseLines(markdown: string): Array<{ line: number; text: string }> {
  const out: Array<{ line: number; text: string }> = [];
  let fence: string | undefined;
  markdown.split('\n').forEach((raw, index) => {
    const opener = /^\s{0,3}(`{3,}|~{3,})/.exec(raw);
    if (opener) {
      if (fence === undefined) fence = opener[1][0];
      else if (opener[1][0] === fence) fence = undefined;
      return;
    }
    if (fence !== undefined) return;
    out.push({ line: index + 1, text: raw.replace(/`+[^`]*`+/g, (m) => ' '.repeat(m.length)) });
  });
  return out;
}

/**
 * GitHub's heading slug (github-slugger): lower case, every character that is not a letter,
 * mark, number, connector (`_`), space or hyphen dropped, spaces turned into hyphens, and
 * `-1`, `-2`… appended to repeats. The heading's Markdown is reduced to its text first.
 */
export function headingSlugs(markdown: string): Set<string> {
  const slugs = new Set<string>();
  const seen = new Map<string, number>();
  let fence: string | undefined;
  for (const raw of markdown.split('\n')) {
    const opener = /^\s{0,3}(`{3,}|~{3,})/.exec(raw);
    if (opener) {
      if (fence === undefined) fence = opener[1][0];
      else if (opener[1][0] === fence) fence = undefined;
      continue;
    }
    if (fence !== undefined) continue;
    for (const id of raw.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) slugs.add(id[1]);
    const heading = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(raw);
    if (!heading) continue;
    const text = heading[1]
      .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
      // A code span keeps its text (`<namespace>` included); an HTML tag outside one is dropped.
      .replace(/`+([^`]*)`+|<[^>]+>/g, (_, code: string | undefined) => code ?? '')
      .replace(/\*/g, '');
    const base = text
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
      .replace(/ /g, '-');
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    slugs.add(count === 0 ? base : `${base}-${count}`);
  }
  return slugs;
}

/** Every `[text](target)`, `![alt](target)` and `[label]: target` outside code. */
export function linksIn(markdown: string): Array<{ line: number; target: string }> {
  const links: Array<{ line: number; target: string }> = [];
  for (const { line, text } of proseLines(markdown)) {
    for (const m of text.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
      links.push({ line, target: m[1] });
    }
    const definition = /^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+"[^"]*")?\s*$/.exec(text);
    if (definition) links.push({ line, target: definition[1] });
  }
  return links;
}

/** Links of `files` (relative to root) that do not resolve; an external URL is not checked. */
export function findBrokenLinks(root: string, files: string[]): BrokenLink[] {
  const broken: BrokenLink[] = [];
  const slugCache = new Map<string, Set<string>>();
  const slugsOf = (abs: string) => {
    let slugs = slugCache.get(abs);
    if (!slugs) {
      slugs = headingSlugs(readFileSync(abs, 'utf8'));
      slugCache.set(abs, slugs);
    }
    return slugs;
  };
  for (const file of files) {
    const abs = path.join(root, file);
    for (const { line, target } of linksIn(readFileSync(abs, 'utf8'))) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue;
      const hash = target.indexOf('#');
      const pathPart = decodeURIComponent(hash === -1 ? target : target.slice(0, hash));
      const fragment = hash === -1 ? undefined : decodeURIComponent(target.slice(hash + 1));
      const resolved =
        pathPart === ''
          ? abs
          : pathPart.startsWith('/')
          ? path.join(root, pathPart)
          : path.resolve(path.dirname(abs), pathPart);
      const report = (problem: string) => broken.push({ file, line, link: target, problem });
      if (path.relative(root, resolved).startsWith('..')) {
        report('points outside the repository');
      } else if (!existsSync(resolved)) {
        report(`no such file: ${path.relative(root, resolved)}`);
      } else if (fragment !== undefined) {
        if (statSync(resolved).isDirectory() || !resolved.endsWith('.md')) {
          report('an anchor on something that is not a Markdown file');
        } else if (!slugsOf(resolved).has(fragment)) {
          report(`no heading with the slug "${fragment}" in ${path.relative(root, resolved)}`);
        }
      }
    }
  }
  return broken;
}
