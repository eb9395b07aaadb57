import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Elasticsearch security in the dev cluster: x-pack-core and x-pack-security 9.5.3 from Maven
 * Central, loaded from the classpath, with the users and roles below in the file realm.
 *
 * The file realm keeps the users here, written at each start, so that a fresh or a kept data
 * folder gives the same users with no setup calls. The `.security` index exists too (for API
 * keys and the built-in roles): its `email` analyzer's components come from analysis-common,
 * which is not on Maven Central, and dev.es.analysis.SecurityIndexAnalysisPlugin registers them
 * on Lucene's implementations. Passwords are stored in clear (Elasticsearch takes a value
 * without a hash prefix as clear text): a loopback-only dev cluster with the well-known
 * password `changeme`.
 */
export const ES_PASSWORD = 'changeme';

/** The dev host's users (dev/host/http/users.ts) by the same names, with their Elasticsearch roles. */
export const ES_USERS: Readonly<Record<string, readonly string[]>> = {
  elastic: ['superuser'],
  // Kibana's own identity: the reserved kibana_system role and nothing else, as in a real
  // deployment. It may not create documents in metrics-*; the plugin writes them as
  // go_runtime_writer (go_runtime.writer, see README "Install into Kibana").
  kibana_system: ['kibana_system'],
  go_runtime_writer: ['go_runtime_writer'],
  go_admin: ['go_runtime_reader'],
  go_viewer: ['go_runtime_reader'],
  // The Kibana feature's read privilege, but no Elasticsearch privilege on the data.
  go_viewer_no_data: [],
  // The Kibana feature's all privilege: its rules run with its API key, which cannot read the data.
  go_admin_no_data: [],
  no_access: [],
};

/** The Kibana identity the dev host authenticates as when security is on. */
export const KIBANA_IDENTITY = { username: 'kibana_system', password: ES_PASSWORD } as const;
/** The plugin's `go_runtime.writer` in the dev deployment's configuration. */
export const DEV_WRITER = { username: 'go_runtime_writer', password: ES_PASSWORD } as const;
export const ES_SUPERUSER = { username: 'elastic', password: ES_PASSWORD } as const;

const ROLES_YML = `# Written by dev/es/security.ts.
go_runtime_reader:
  indices:
    - names: ["metrics-go_runtime.*"]
      privileges: ["read", "view_index_metadata"]
go_runtime_writer:
  indices:
    - names: ["metrics-go_runtime.*"]
      privileges: ["create_doc", "create_index", "auto_configure"]
`;

/** JVM flags and node settings that load and enable security. */
export const SECURITY_JVM_FLAGS = [
  // x-pack-security's SAML classes name OpenSAML types, and OpenSAML is not on Maven Central.
  // Verifying those classes would load the missing types even though no SAML realm is
  // configured; without verification of classpath code they are never loaded.
  '-XX:+UnlockDiagnosticVMOptions',
  '-XX:-BytecodeVerificationRemote',
];
export const SECURITY_NODE_ARGS = [
  '--plugins',
  // dev.es.analysis.SecurityIndexAnalysisPlugin (dev/es/src): the analysis-common components the
  // `.security` index's `email` analyzer names, which analysis-common would provide.
  'org.elasticsearch.xpack.core.XPackPlugin,org.elasticsearch.xpack.security.Security,dev.es.analysis.SecurityIndexAnalysisPlugin',
  '--xpack.security.enabled',
  'true',
  // The reserved realm keeps `elastic` and `kibana_system` in `.security` too; off, the file
  // realm may define them.
  '--xpack.security.authc.reserved_realm.enabled',
  'false',
];

/** The file realm's users, users_roles and roles.yml in a node's config folder. */
export function writeSecurityFiles(configDir: string): void {
  mkdirSync(configDir, { recursive: true });
  const users = Object.keys(ES_USERS).map((name) => `${name}:${ES_PASSWORD}`);
  const byRole = new Map<string, string[]>();
  for (const [name, roles] of Object.entries(ES_USERS))
    for (const role of roles) byRole.set(role, [...(byRole.get(role) ?? []), name]);
  writeFileSync(path.join(configDir, 'users'), `${users.join('\n')}\n`, { mode: 0o600 });
  writeFileSync(
    path.join(configDir, 'users_roles'),
    `${[...byRole].map(([role, names]) => `${role}:${names.join(',')}`).join('\n')}\n`,
    { mode: 0o600 }
  );
  writeFileSync(path.join(configDir, 'roles.yml'), ROLES_YML, { mode: 0o600 });
}

export const basicAuthorization = (user: { username: string; password: string }) =>
  `Basic ${Buffer.from(`${user.username}:${user.password}`).toString('base64')}`;
