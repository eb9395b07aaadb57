/**
 * The Kibana releases this plugin is built for: the one place the build, the dev host, the
 * manifest check and the docs take them from.
 *
 * Kibana loads an external plugin only when its kibana.json `kibanaVersion` equals its own
 * version, so every release needs a zip of its own. Patch releases of one minor share the
 * plugin APIs (breaking changes land in minors), so one set of stand-ins serves 9.5.0–9.5.3.
 */

/**
 * The release dev/kbn's stand-ins mirror (dev/kbn/MANIFEST.json `kibanaRelease`) and the
 * version the dev host reports and accepts; the dev Elasticsearch runs the same release.
 */
export const PINNED_KIBANA_RELEASE = '9.5.3';

/** Every release `npm run build` writes a zip for, oldest first; the pinned one is among them. */
export const SUPPORTED_KIBANA_RELEASES = ['9.5.0', '9.5.1', '9.5.2', '9.5.3'] as const;

const EXACT = /^(\d+)\.(\d+)\.(\d+)$/;

/** Problems with the list itself: exact x.y.z, one minor, no duplicates, pinned release listed. */
export function supportedReleasesProblems(
  releases: readonly string[],
  pinned: string
): string[] {
  const problems: string[] = [];
  const minors = new Set<string>();
  for (const release of releases) {
    const match = EXACT.exec(release);
    if (match === null) problems.push(`${release} is not an exact x.y.z release`);
    else minors.add(`${match[1]}.${match[2]}`);
  }
  if (new Set(releases).size !== releases.length) problems.push('a release is listed twice');
  if (minors.size > 1)
    problems.push(`the releases span minors ${[...minors].join(', ')}: one set of stand-ins mirrors one minor`);
  if (!releases.includes(pinned)) problems.push(`the pinned release ${pinned} is not listed`);
  return problems;
}
