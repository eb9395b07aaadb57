/**
 * `npm run build`: the installable plugin zip under build/. KIBANA_VERSION sets the exact
 * Kibana release it is for (default: the release the stand-ins mirror).
 */
import path from 'node:path';
import { ROOT } from '../lib/go_build';
import { STAND_IN_KIBANA_VERSION } from './kibana_version';
import { buildPluginZip } from './plugin_zip';

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

buildPluginZip({ kibanaVersion: process.env.KIBANA_VERSION ?? STAND_IN_KIBANA_VERSION })
  .then((built) => {
    process.stdout.write(
      `${path.relative(ROOT, built.zipPath)}: ${kib(built.bytes.zip)} (browser bundle ${kib(built.bytes.browserBundle)}, server ${kib(built.bytes.server)}) in ${Math.round(built.buildMs)} ms\n` +
        `install: bin/kibana-plugin install file://${built.zipPath}\n`
    );
  })
  .catch((error: Error) => {
    process.stderr.write(`build failed: ${error.message}\n`);
    process.exit(1);
  });
