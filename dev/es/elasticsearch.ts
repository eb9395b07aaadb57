/**
 * Starts a real Elasticsearch 9 (one JVM, one or three nodes) built from Maven Central by
 * dev/es/pom.xml, or uses the cluster at ES_URL and starts nothing.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { runCommand, spawnChild } from '../lib/child_process';
import {
  ES_SUPERUSER,
  SECURITY_JVM_FLAGS,
  SECURITY_NODE_ARGS,
  basicAuthorization,
  writeSecurityFiles,
} from './security';

const ES_DIR = __dirname;
const ROOT = path.resolve(ES_DIR, '../..');
const CLASSPATH_FILE = path.join(ES_DIR, 'target', 'classpath.txt');
const JAR = path.join(ES_DIR, 'target', 'embedded-elasticsearch-1.0.jar');

export interface RunningElasticsearch {
  readonly url: string;
  readonly version: string;
  /** True when ES_URL pointed at a cluster we did not start (and will not stop). */
  readonly external: boolean;
  readonly startMs: number;
  /** A superuser's credentials when the cluster runs with security (see security.ts). */
  readonly superuser?: { readonly username: string; readonly password: string };
  stop(): Promise<void>;
}

/** The one way to reach a cluster: its URL, with the superuser when it runs with security. */
export function clientOptions(es: Pick<RunningElasticsearch, 'url' | 'superuser'>): {
  node: string;
  auth?: { username: string; password: string };
} {
  return { node: es.url, ...(es.superuser === undefined ? {} : { auth: { ...es.superuser } }) };
}

/** The same, as headers for a plain fetch. */
export function authHeaders(es: Pick<RunningElasticsearch, 'superuser'>): Record<string, string> {
  return es.superuser === undefined ? {} : { authorization: basicAuthorization(es.superuser) };
}

export interface StartOptions {
  /** Names the data folder: .data/es/<name>. */
  readonly name: string;
  readonly httpPort: number;
  readonly nodes?: number;
  readonly heap?: string;
  readonly log?: (line: string) => void;
  /** Elasticsearch security on: users and roles from security.ts. ES_SECURITY=1 sets it too. */
  readonly security?: boolean;
}

export async function startElasticsearch(options: StartOptions): Promise<RunningElasticsearch> {
  const started = performance.now();
  const log = options.log ?? (() => undefined);
  const external = process.env.ES_URL;
  if (external !== undefined && external !== '') {
    const version = await waitForCluster(external, 'yellow', 30_000);
    return {
      url: external,
      version,
      external: true,
      startMs: performance.now() - started,
      stop: async () => undefined,
    };
  }

  const nodes = options.nodes ?? Number(process.env.ES_NODES ?? '1');
  if (![1, 3].includes(nodes)) throw new Error(`ES_NODES must be 1 or 3, got ${nodes}`);
  const java = findJava(21);
  await ensureBuilt(java, log);

  const security = options.security ?? process.env.ES_SECURITY === '1';
  // One folder per cluster shape: a one-node start on a three-node cluster's data has no quorum.
  const home = path.join(
    ROOT,
    '.data',
    'es',
    `${options.name}-${nodes}n${security ? '-secure' : ''}`
  );
  if (security)
    for (let i = 0; i < nodes; i++) writeSecurityFiles(path.join(home, `node-${i}`, 'config'));
  const superuser = security ? ES_SUPERUSER : undefined;
  const nativeDir = path.join(home, 'native');
  mkdirSync(nativeDir, { recursive: true });
  linkSystemZstd(nativeDir);

  const url = `http://127.0.0.1:${options.httpPort}`;
  if (await isListening(url)) {
    throw new Error(
      `port ${options.httpPort} is taken already (another Elasticsearch?); stop it, or set ES_URL=${url} to use it`
    );
  }
  log(`starting Elasticsearch (${nodes} node${nodes > 1 ? 's' : ''}) with ${java}`);
  const child = spawnChild({
    name: 'elasticsearch',
    command: java,
    args: [
      `-Xms${options.heap ?? '768m'}`,
      `-Xmx${options.heap ?? '768m'}`,
      '-XX:+UseG1GC',
      '--enable-native-access=ALL-UNNAMED',
      '--add-modules',
      'jdk.incubator.vector',
      // Elasticsearch's own native libraries are not on Maven Central; Debian's libzstd is.
      `-Des.nativelibs.path=${nativeDir}`,
      '-Dorg.elasticsearch.nativeaccess.enableVectorLibrary=false',
      '-Dfile.encoding=UTF-8',
      '-Djava.awt.headless=true',
      '-Dlog4j2.formatMsgNoLookups=true',
      ...(security ? SECURITY_JVM_FLAGS : []),
      '-cp',
      `${JAR}:${readFileSync(CLASSPATH_FILE, 'utf8').trim()}`,
      'dev.es.EmbeddedElasticsearch',
      '--home',
      home,
      '--nodes',
      String(nodes),
      '--http.port',
      String(options.httpPort),
      '--transport.port',
      String(options.httpPort + 100),
      // Dev and test data: keep the disk watermarks from blocking writes on a full laptop disk.
      '--cluster.routing.allocation.disk.threshold_enabled',
      'false',
      ...(security ? SECURITY_NODE_ARGS : []),
    ],
    ready: /all nodes started/,
    readyTimeoutMs: 180_000,
    logFile: path.join(ROOT, '.data', `es-${options.name}.log`),
  });
  try {
    await child.ready;
    const version = await waitForCluster(url, nodes > 1 ? 'green' : 'yellow', 120_000, superuser);
    return {
      url,
      version,
      external: false,
      startMs: performance.now() - started,
      ...(superuser === undefined ? {} : { superuser }),
      stop: () => child.stop('SIGTERM', 40_000),
    };
  } catch (error) {
    await child.stop('SIGKILL');
    throw error;
  }
}

/** A Java at least `major`, from ES_JAVA_HOME, JAVA_HOME, then the machine's JVM folder. */
export function findJava(major: number): string {
  const candidates = [process.env.ES_JAVA_HOME, process.env.JAVA_HOME]
    .filter((home): home is string => home !== undefined && home !== '')
    .map((home) => path.join(home, 'bin', 'java'));
  if (existsSync('/usr/lib/jvm')) {
    for (const entry of readdirSync('/usr/lib/jvm').sort().reverse())
      candidates.push(path.join('/usr/lib/jvm', entry, 'bin', 'java'));
  }
  candidates.push('java');
  const seen: string[] = [];
  for (const candidate of candidates) {
    const version = javaMajor(candidate);
    if (version === undefined) continue;
    seen.push(`${candidate} (${version})`);
    if (version >= major) return candidate;
  }
  throw new Error(
    `Elasticsearch 9 needs Java ${major} or newer; found ${
      seen.join(', ') || 'none'
    }. Install one (Temurin or OpenJDK ${major}+), set ES_JAVA_HOME, or point ES_URL at a running cluster.`
  );
}

function javaMajor(java: string): number | undefined {
  // `java -version` writes to stderr.
  const result = spawnSync(java, ['-version'], { encoding: 'utf8' });
  return result.error === undefined
    ? parseJavaVersion(`${result.stdout}${result.stderr}`)
    : undefined;
}

function parseJavaVersion(text: string): number | undefined {
  const match = /version "(\d+)(?:\.(\d+))?/.exec(text);
  if (match === null) return undefined;
  return match[1] === '1' ? Number(match[2]) : Number(match[1]);
}

/** Resolves the Maven dependencies (cached in ~/.m2 after the first run) and compiles the launcher. */
async function ensureBuilt(java: string, log: (line: string) => void): Promise<void> {
  const sources = [path.join(ES_DIR, 'pom.xml'), ...listFiles(path.join(ES_DIR, 'src'))];
  const newestSource = Math.max(...sources.map((file) => statSync(file).mtimeMs));
  if (existsSync(CLASSPATH_FILE) && existsSync(JAR) && statSync(JAR).mtimeMs >= newestSource)
    return;
  log('resolving Elasticsearch from Maven Central (first run only)...');
  await runCommand('mvn', ['-q', '-B', '-f', path.join(ES_DIR, 'pom.xml'), 'package'], {
    env: { JAVA_HOME: path.resolve(path.dirname(java), '..') },
  });
}

function listFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((entry) => {
    const full = path.join(folder, entry);
    return statSync(full).isDirectory() ? listFiles(full) : [full];
  });
}

function linkSystemZstd(nativeDir: string): void {
  const system = '/usr/lib/x86_64-linux-gnu/libzstd.so.1';
  const link = path.join(nativeDir, 'libzstd.so');
  if (existsSync(system) && !existsSync(link)) symlinkSync(system, link);
}

async function isListening(url: string): Promise<boolean> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(1_000) });
    return true;
  } catch {
    return false;
  }
}

/** Waits for the health status and returns the version of the node answering at `url`. */
async function waitForCluster(
  url: string,
  status: 'yellow' | 'green',
  timeoutMs: number,
  user?: { username: string; password: string }
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  const headers: Record<string, string> =
    user === undefined ? {} : { authorization: basicAuthorization(user) };
  let lastError = '';
  while (Date.now() < deadline) {
    try {
      const health = await fetch(`${url}/_cluster/health?wait_for_status=${status}&timeout=5s`, {
        headers,
      });
      if (health.ok) {
        const info = (await (await fetch(`${url}/_nodes/_local/_none`, { headers })).json()) as {
          nodes: Record<string, { version: string }>;
        };
        return Object.values(info.nodes)[0]?.version ?? 'unknown';
      }
      lastError = `health answered ${health.status}`;
    } catch (error) {
      lastError = (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(
    `Elasticsearch at ${url} did not reach ${status} within ${timeoutMs} ms: ${lastError}`
  );
}
