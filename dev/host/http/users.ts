import type { Role } from '../features_registry';

export interface DevUser {
  readonly username: string;
  readonly password: string;
  readonly role: Role;
}

/**
 * The dev host's users. Kibana delegates to Elasticsearch security; here a fixed table stands
 * in, so routes can be exercised as an admin, a Go Runtime admin and a read-only viewer.
 */
export const DEV_USERS: readonly DevUser[] = [
  { username: 'elastic', password: 'changeme', role: { superuser: true } },
  { username: 'go_admin', password: 'changeme', role: { features: { goRuntime: 'all' } } },
  { username: 'go_viewer', password: 'changeme', role: { features: { goRuntime: 'read' } } },
  // The feature's read privilege, but (with Elasticsearch security on) no read on the data.
  {
    username: 'go_viewer_no_data',
    password: 'changeme',
    role: { features: { goRuntime: 'read' } },
  },
  // The feature's all privilege (so it may create rules), and no read on the data either.
  { username: 'go_admin_no_data', password: 'changeme', role: { features: { goRuntime: 'all' } } },
  { username: 'no_access', password: 'changeme', role: { features: {} } },
];

export type Authentication =
  | { readonly ok: true; readonly user: DevUser }
  | { readonly ok: false; readonly message: string };

/** Basic auth when given; otherwise the host's default user (the dev stand-in for a session). */
export function authenticate(
  authorization: string | undefined,
  defaultUser: DevUser
): Authentication {
  if (authorization === undefined) return { ok: true, user: defaultUser };
  const match = /^Basic\s+(.+)$/i.exec(authorization);
  if (match === null) return { ok: false, message: 'Unsupported authorization scheme; use Basic.' };
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const separator = decoded.indexOf(':');
  const username = decoded.slice(0, separator);
  const password = decoded.slice(separator + 1);
  const user = DEV_USERS.find(
    (candidate) => candidate.username === username && candidate.password === password
  );
  return user === undefined
    ? { ok: false, message: 'Unable to authenticate user: wrong username or password.' }
    : { ok: true, user };
}

export function findUser(username: string): DevUser {
  const user = DEV_USERS.find((candidate) => candidate.username === username);
  if (user === undefined)
    throw new Error(
      `no dev user named ${username}; known: ${DEV_USERS.map((u) => u.username).join(', ')}`
    );
  return user;
}
