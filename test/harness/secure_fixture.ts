import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnChild } from '../../dev/lib/child_process';
import { BIN_DIR } from '../../dev/lib/go_build';

/** A running securefixture: Go's expvar page behind basic auth, a token, a header and/or TLS. */
export interface SecureFixture {
  readonly varsUrl: string;
  /** The PEM of the CA the Go program generated, when it serves TLS. */
  readonly caPem?: string;
  stop(): Promise<void>;
}

export async function startSecureFixture(options: {
  basicAuth?: string;
  bearer?: string;
  header?: string;
  tls?: boolean;
}): Promise<SecureFixture> {
  const dir =
    options.tls === true ? mkdtempSync(path.join(os.tmpdir(), 'securefixture-')) : undefined;
  const child = spawnChild({
    name: 'securefixture',
    command: path.join(BIN_DIR, 'securefixture'),
    args: [
      ...(options.basicAuth === undefined ? [] : ['-basic-auth', options.basicAuth]),
      ...(options.bearer === undefined ? [] : ['-bearer', options.bearer]),
      ...(options.header === undefined ? [] : ['-header', options.header]),
      ...(dir === undefined ? [] : ['-tls-dir', dir]),
    ],
    ready: /^listening (\S+)$/,
    readyTimeoutMs: 10_000,
  });
  const bound = (await child.ready)[1]!;
  const caPem = dir === undefined ? undefined : readFileSync(path.join(dir, 'ca.pem'), 'utf8');
  return {
    varsUrl: `${dir === undefined ? 'http' : 'https'}://${bound}/debug/vars`,
    ...(caPem === undefined ? {} : { caPem }),
    stop: async () => {
      await child.stop();
      if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
    },
  };
}
