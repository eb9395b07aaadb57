import { build } from 'esbuild';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');

export interface UiBundle {
  readonly files: ReadonlyMap<string, { contents: Uint8Array; contentType: string }>;
  readonly buildMs: number;
}

/**
 * Bundles the browser shell together with the plugin's public/ half, the way Kibana's
 * optimizer would, resolving @kbn/* to dev/kbn. Kept in memory: the host serves it itself.
 */
export async function buildUi(): Promise<UiBundle> {
  const started = performance.now();
  const result = await build({
    entryPoints: { main: path.join(ROOT, 'dev/host/browser/main.tsx') },
    bundle: true,
    splitting: true,
    format: 'esm',
    outdir: '/bundles',
    write: false,
    minify: true,
    sourcemap: false,
    target: 'es2022',
    jsx: 'automatic',
    alias: { '@kbn': path.join(ROOT, 'dev/kbn') },
    tsconfig: path.join(ROOT, 'tsconfig.json'),
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
    chunkNames: 'chunk-[hash]',
  });
  const files = new Map<string, { contents: Uint8Array; contentType: string }>();
  for (const file of result.outputFiles) {
    const name = path.basename(file.path);
    files.set(name, { contents: file.contents, contentType: name.endsWith('.css') ? 'text/css' : 'text/javascript' });
  }
  return { files, buildMs: performance.now() - started };
}
