import type { SavedObject } from '@kbn/core/server';
import type {
  ISavedObjectsPointInTimeFinder,
  SavedObjectsCreatePointInTimeFinderOptions,
} from '@kbn/encrypted-saved-objects-plugin/server';
import { isRight, type Either } from 'fp-ts/Either';
import { connectionView, scrapeConnection, type ScrapeConnection } from './target_connection';
import { TARGET_SAVED_OBJECT_TYPE, DEFAULT_SPACE_ID } from '../../common/constants';
import { formatValidationErrors } from '../../common/io_ts_errors';
import { intervalToMs } from '../../common/interval';
import {
  DEFAULT_CMDLINE_MODE,
  DEFAULT_MAX_CUSTOM_VARS,
  TargetAttributes,
  type Target,
} from '../../common/targets';
import type { CmdlineMode } from '../derive/redact_cmdline';
import type { ScrapeError } from '../scrape/scrape_error';

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
  /**
   * Headers (credentials included) and TLS trust, decrypted: for the scrape only, never logged.
   * Left: a secret the target needs is not stored (imported without it); each scrape reports
   * that error and sends nothing.
   */
  readonly connection: Either<ScrapeError, ScrapeConnection>;
}

/** One place for the defaults of a target's optional settings. */
export function resolveSettings(attributes: TargetAttributes): {
  maxCustomVars: number;
  cmdlineMode: CmdlineMode;
} {
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
  if (savedObject.error !== undefined)
    return {
      valid: false,
      id: savedObject.id,
      reason: `its secrets cannot be decrypted (${savedObject.error.message})`,
    };
  const decoded = TargetAttributes.decode(savedObject.attributes);
  if (!isRight(decoded)) {
    return { valid: false, id: savedObject.id, reason: formatValidationErrors(decoded.left) };
  }
  const connection = scrapeConnection(decoded.right);
  return {
    valid: true,
    target: {
      id: savedObject.id,
      // Targets are `multiple-isolated`: exactly one space each.
      spaceId: savedObject.namespaces?.[0] ?? DEFAULT_SPACE_ID,
      attributes: decoded.right,
      intervalMs: intervalToMs(decoded.right.interval),
      ...resolveSettings(decoded.right),
      connection,
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
    ...(savedObject.attributes.profiles === undefined
      ? {}
      : { profiles: savedObject.attributes.profiles }),
    ...connectionView(savedObject.attributes),
  };
}

const PAGE_SIZE = 1000;
/** A hard ceiling so that a runaway import cannot make one poll run unbounded. */
export const MAX_TARGETS = 10_000;

/**
 * Pages of every target with its secrets decrypted: the encrypted saved objects client's
 * `createPointInTimeFinderDecryptedAsInternalUser` in Kibana.
 */
export type OpenTargetFinder = (
  options: SavedObjectsCreatePointInTimeFinderOptions
) => Promise<ISavedObjectsPointInTimeFinder<unknown>>;

/** Decoded targets by saved object id, kept with the version they were decoded from. */
export type DecodedTargetCache = Map<
  string,
  { readonly version: string | undefined; readonly decoded: DecodedTarget }
>;

/**
 * Every stored target in every space, decoded; invalid ones are returned so they can be
 * logged. With a cache, a saved object whose version has not changed is not decoded again
 * (the poller reloads every target every few seconds), and the cache is left holding exactly
 * the targets found.
 */
export async function loadAllTargets(
  openFinder: OpenTargetFinder,
  cache?: DecodedTargetCache
): Promise<DecodedTarget[]> {
  const decoded: DecodedTarget[] = [];
  const seen = new Set<string>();
  const decode = (savedObject: SavedObject<unknown>): DecodedTarget => {
    seen.add(savedObject.id);
    const cached = cache?.get(savedObject.id);
    if (
      cached !== undefined &&
      cached.version !== undefined &&
      cached.version === savedObject.version
    )
      return cached.decoded;
    const fresh = decodeSavedTarget(savedObject);
    cache?.set(savedObject.id, { version: savedObject.version, decoded: fresh });
    return fresh;
  };
  const finder = await openFinder({
    type: TARGET_SAVED_OBJECT_TYPE,
    perPage: PAGE_SIZE,
    namespaces: ['*'],
    sortField: 'updated_at',
    sortOrder: 'asc',
  });
  try {
    for await (const page of finder.find()) {
      decoded.push(...page.saved_objects.map(decode));
      if (decoded.length >= MAX_TARGETS) break;
    }
  } finally {
    await finder.close();
  }
  if (cache !== undefined) for (const id of cache.keys()) if (!seen.has(id)) cache.delete(id);
  return decoded.slice(0, MAX_TARGETS);
}
