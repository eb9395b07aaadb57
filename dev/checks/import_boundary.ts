import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** The folders that ship in the plugin; they may reach Kibana only through @kbn/* names. */
export const SHIPPED_FOLDERS = ['common', 'server', 'public'] as const;

export interface BoundaryViolation {
  readonly file: string;
  readonly line: number;
  readonly specifier: string;
}

const IMPORT_PATTERN =
  /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]/g;

/** Every import specifier in a source text, with the line it is on. */
export function importSpecifiers(source: string): Array<{ specifier: string; line: number }> {
  const found: Array<{ specifier: string; line: number }> = [];
  for (const match of source.matchAll(IMPORT_PATTERN)) {
    const specifier = match[1] ?? match[2] ?? match[3] ?? match[4];
    if (specifier === undefined) continue;
    found.push({ specifier, line: source.slice(0, match.index).split('\n').length });
  }
  return found;
}

/** True when `specifier`, imported from `file`, lands in dev/ (relatively or by a bare path). */
export function reachesDev(root: string, file: string, specifier: string): boolean {
  if (specifier.startsWith('.')) {
    const resolved = path.relative(root, path.resolve(path.dirname(file), specifier));
    return resolved === 'dev' || resolved.startsWith(`dev${path.sep}`);
  }
  return (
    specifier === 'dev' ||
    specifier.startsWith('dev/') ||
    /(^|\/)dev\/(kbn|host|es|demo|lib)(\/|$)/.test(specifier)
  );
}

function sourceFiles(folder: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(folder);
  } catch {
    return [];
  }
  return entries.flatMap((entry) => {
    const full = path.join(folder, entry);
    if (statSync(full).isDirectory()) return entry === 'node_modules' ? [] : sourceFiles(full);
    return /\.(ts|tsx|js|jsx|mjs|cjs)$/.test(entry) ? [full] : [];
  });
}

/** Every source file in the shipped folders under `root`. */
export function shippedSourceFiles(root: string): string[] {
  return SHIPPED_FOLDERS.flatMap((folder) => sourceFiles(path.join(root, folder)));
}

export function findBoundaryViolations(root: string): BoundaryViolation[] {
  return shippedSourceFiles(root).flatMap((file) =>
    importSpecifiers(readFileSync(file, 'utf8'))
      .filter(({ specifier }) => reachesDev(root, file, specifier))
      .map(({ specifier, line }) => ({ file: path.relative(root, file), line, specifier }))
  );
}
