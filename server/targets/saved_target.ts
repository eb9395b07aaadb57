import type { ISavedObjectsRepository, SavedObject } from '@kbn/core/server';
import { isRight } from 'fp-ts/Either';
import { TARGET_SAVED_OBJECT_TYPE } from '../../common/constants';
import { formatValidationErrors } from '../../common/io_ts_errors';
import { intervalToMs } from '../../common/interval';
import { DEFAULT_CMDLINE_MODE, DEFAULT_MAX_CUSTOM_VARS, TargetAttributes, type Target } from '../../common/targets';
import type { CmdlineMode } from '../derive/redact_cmdline';

export const DEFAULT_SPACE_ID = 'default';

/**
 * A stored target whose attributes passed the codec, with its optional settings resolved to
 * their defaults: the only shape the poller accepts.
 */
export interface ValidTarget {
  readonly id: string;
  /** The space the saved object lives in; documents carry it as go_runtime.target.space_id. */
  readonly spaceId: string;
  readonly attributes: TargetAttributes;
  readonly intervalMs: number;
  readonly maxCustomVars: number;
  readonly cmdlineMode: CmdlineMode;
}

/** One place for the defaults of a target's optional settings. */
export function resolveSettings(attributes: TargetAttributes): { maxCustomVars: number; cmdlineMode: CmdlineMode } {
  return {
    maxCustomVars: attributes.max_custom_vars ?? DEFAULT_MAX_CUSTOM_VARS,
    cmdlineMode: attributes.cmdline_mode ?? DEFAULT_CMDLINE_MODE,
  };
}

export type DecodedTarget =
  | { readonly valid: true; readonly target: ValidTarget }
  | { readonly valid: false; readonly id: string; readonly reason: string };

/** Saved objects can be edited behind our back (import, direct writes): decode, don't trust. */
export function decodeSavedTarget(savedObject: SavedObject<unknown>): DecodedTarget {
  const decoded = TargetAttributes.decode(savedObject.attributes);
  if (!isRight(decoded)) {
    return { valid: false, id: savedObject.id, reason: formatValidationErrors(decoded.left) };
  }
  return {
    valid: true,
    target: {
      id: savedObject.id,
      // Targets are `multiple-isolated`: exactly one space each.
      spaceId: savedObject.namespaces?.[0] ?? DEFAULT_SPACE_ID,
      attributes: decoded.right,
      intervalMs: intervalToMs(decoded.right.interval),
      ...resolveSettings(decoded.right),
    },
  };
}

export function toApiTarget(savedObject: SavedObject<TargetAttributes>): Target {
  const { name, service_name, url, interval, enabled } = savedObject.attributes;
  const { maxCustomVars, cmdlineMode } = resolveSettings(savedObject.attributes);
  return {
    id: savedObject.id,
    version: savedObject.version ?? '',
    name,
    service_name,
    url,
    interval,
    enabled,
    max_custom_vars: maxCustomVars,
    cmdline_mode: cmdlineMode,
  };
}

const PAGE_SIZE = 1000;
/** A hard ceiling so that a runaway import cannot make one poll run unbounded. */
export const MAX_TARGETS = 10_000;

/** Decoded targets by saved object id, kept with the version they were decoded from. */
export type DecodedTargetCache = Map<string, { readonly version: string | undefined; readonly decoded: DecodedTarget }>;

/**
 * Every stored target in every space, decoded; invalid ones are returned so they can be
 * logged. With a cache, a saved object whose version has not changed is not decoded again
 * (the poller reloads every target every few seconds), and the cache is left holding exactly
 * the targets found.
 */
export async function loadAllTargets(repository: ISavedObjectsRepository, cache?: DecodedTargetCache): Promise<DecodedTarget[]> {
  const decoded: DecodedTarget[] = [];
  const seen = new Set<string>();
  const decode = (savedObject: SavedObject<unknown>): DecodedTarget => {
    seen.add(savedObject.id);
    const cached = cache?.get(savedObject.id);
    if (cached !== undefined && cached.version !== undefined && cached.version === savedObject.version) return cached.decoded;
    const fresh = decodeSavedTarget(savedObject);
    cache?.set(savedObject.id, { version: savedObject.version, decoded: fresh });
    return fresh;
  };
  for (let page = 1; decoded.length < MAX_TARGETS; page++) {
    const response = await repository.find<unknown>({
      type: TARGET_SAVED_OBJECT_TYPE,
      perPage: PAGE_SIZE,
      page,
      namespaces: ['*'],
      sortField: 'updated_at',
      sortOrder: 'asc',
    });
    decoded.push(...response.saved_objects.map(decode));
    if (response.saved_objects.length < PAGE_SIZE) break;
  }
  if (cache !== undefined) for (const id of cache.keys()) if (!seen.has(id)) cache.delete(id);
  return decoded.slice(0, MAX_TARGETS);
}
