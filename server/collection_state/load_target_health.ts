import type { Logger } from '@kbn/core/server';
import type { TargetHealth } from '../../common/targets';
import { toProfilesHealth, type ProfilesFinding } from '../profiles/discover_profiles';
import { toTargetHealth } from './target_health';
import type { TargetCollectionState } from './target_state';

export interface TargetHealthSources {
  readonly logger: Logger;
  loadStates(ids: readonly string[]): Promise<Map<string, TargetCollectionState>>;
  loadProfiles(ids: readonly string[]): Promise<Map<string, ProfilesFinding>>;
}

/**
 * The targets API's health: the collection state, and whether the origin serves profiles
 * (`unknown` before any discovery or read). Profiles unreadable: the health still comes,
 * without them; the state unreadable: the call fails, as before.
 */
export async function loadTargetHealth(
  sources: TargetHealthSources,
  ids: readonly string[]
): Promise<Map<string, TargetHealth>> {
  const [states, profiles] = await Promise.all([
    sources.loadStates(ids),
    sources.loadProfiles(ids).catch((error: Error) => {
      sources.logger.warn(`could not read the profile status of the targets: ${error.message}`);
      return undefined;
    }),
  ]);
  const health = new Map<string, TargetHealth>();
  for (const [id, state] of states) {
    const finding = profiles?.get(id);
    health.set(id, {
      ...toTargetHealth(state),
      ...(profiles === undefined
        ? {}
        : { profiles: finding === undefined ? { status: 'unknown' } : toProfilesHealth(finding) }),
    });
  }
  return health;
}
