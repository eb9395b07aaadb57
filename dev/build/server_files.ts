import { transform } from 'esbuild';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';

/** What plugin-helpers ships of the server side: common/ and server/, without tests. */
export const SERVER_FOLDERS = ['common', 'server'] as const;

const isTestFile = (file: string) => /\.test\.tsx?$|\.mock\.tsx?$|(^|\/)__(mocks|tests)__\//.test(file);

function sources(root: string, folder: string): string[] {
  const dir = path.join(root, folder);
  return readdirSync(dir).flatMap((name) => {
    const relative = `${folder}/${name}`;
    if (statSync(path.join(root, relative)).isDirectory()) return sources(root, relative);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') && !isTestFile(relative) ? [relative] : [];
  });
}

export interface CompiledFile {
  /** Path inside the plugin folder, e.g. `server/index.js`. */
  readonly path: string;
  readonly contents: string;
}

/**
 * Each server and common source file compiled on its own to CommonJS, the way plugin-helpers'
 * write_server_files task transpiles with Babel: same layout, `.js` beside `.js`, and every
 * import left as a `require` (Kibana answers `@kbn/*`, its node_modules answer io-ts and fp-ts).
 */
export async function compileServerFiles(root: string): Promise<CompiledFile[]> {
  const files = SERVER_FOLDERS.flatMap((folder) => sources(root, folder));
  return Promise.all(
    files.map(async (file) => {
      const result = await transform(readFileSync(path.join(root, file), 'utf8'), {
        loader: file.endsWith('.tsx') ? 'tsx' : 'ts',
        format: 'cjs',
        platform: 'node',
        target: 'node20',
        sourcefile: file,
        jsx: 'automatic',
        // `import('./plugin')` becomes a require, as Kibana's Babel preset compiles it: Node's
        // ESM resolution would want file extensions and bypass CommonJS resolution.
        supported: { 'dynamic-import': false },
        tsconfigRaw: { compilerOptions: { verbatimModuleSyntax: false, preserveValueImports: false } },
      });
      return { path: file.replace(/\.tsx?$/, '.js'), contents: result.code };
    })
  );
}

/** Every `require('x')` of the compiled files that is neither relative nor a Node builtin. */
export function packageRequires(files: readonly CompiledFile[]): Map<string, string[]> {
  const builtins = new Set(builtinModules);
  const found = new Map<string, string[]>();
  for (const file of files) {
    for (const match of file.contents.matchAll(/\brequire\(\s*"([^"]+)"\s*\)/g)) {
      const specifier = match[1]!;
      if (specifier.startsWith('.') || specifier.startsWith('node:') || builtins.has(specifier)) continue;
      const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!;
      found.set(name, [...(found.get(name) ?? []), file.path]);
    }
  }
  return found;
}

/** Relative requires that point at no compiled file: a source the build left out. */
export function danglingRequires(files: readonly CompiledFile[]): string[] {
  const paths = new Set(files.map((file) => file.path));
  const problems: string[] = [];
  for (const file of files) {
    for (const match of file.contents.matchAll(/\brequire\(\s*"(\.[^"]*)"\s*\)/g)) {
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(file.path), match[1]!));
      if (!paths.has(`${target}.js`) && !paths.has(`${target}/index.js`) && !paths.has(target)) problems.push(`${file.path} requires ${match[1]}, which is not built`);
    }
  }
  return problems;
}
