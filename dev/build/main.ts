/**
 * `npm run build`: one installable plugin zip under build/ per supported Kibana release
 * (dev/build/supported_releases.ts). `KIBANA_VERSION=x.y.z npm run build` builds the zip for
 * that one release instead, listed or not (Kibana loads a zip only for the exact release it
 * names).
 */
import path from 'node:path';
import { ROOT } from '../lib/go_build';
import { buildPluginZips } from './plugin_zip';
import { SUPPORTED_KIBANA_RELEASES } from './supported_releases';

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

const requested = process.env.KIBANA_VERSION;
const releases = requested === undefined ? SUPPORTED_KIBANA_RELEASES : [requested];
if (requested !== undefined && !(SUPPORTED_KIBANA_RELEASES as readonly string[]).includes(requested))
  process.stderr.write(
    `note: Kibana ${requested} is not a supported release (${SUPPORTED_KIBANA_RELEASES.join(', ')}); the @kbn/* stand-ins mirror those\n`
  );

buildPluginZips({ kibanaVersions: releases })
  .then((built) => {
    const first = built[0]!;
    const last = built[built.length - 1]!;
    process.stdout.write(
      `${built.length} zip(s) in ${Math.round(last.buildMs)} ms (browser bundle ${kib(first.bytes.browserBundle)}, server ${kib(first.bytes.server)}):\n` +
        built
          .map((zip) => `  ${path.relative(ROOT, zip.zipPath)}: ${kib(zip.bytes.zip)} (Kibana ${zip.manifest.kibanaVersion})\n`)
          .join('') +
        `install the zip of the running release: bin/kibana-plugin install file://${path.join(ROOT, 'build', '<zip>')}\n`
    );
  })
  .catch((error: Error) => {
    process.stderr.write(`build failed: ${error.message}\n`);
    process.exit(1);
  });
