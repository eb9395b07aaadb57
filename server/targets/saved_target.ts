import type { ISavedObjectsRepository, SavedObject } from '@kbn/core/server';
import { isRight } from 'fp-ts/Either';
import { TARGET_SAVED_OBJECT_TYPE } from '../../common/constants';
import { formatValidationErrors } from '../../common/io_ts_errors';
import { intervalToMs } from '../../common/interval';
import { DEFAULT_CMDLINE_MODE, DEFAULT_MAX_CUSTOM_VARS, TargetAttributes, type Target } from '../../common/targets';

/** A stored target whose attributes passed the codec: the only shape the poller accepts. */
export interface ValidTarget {
  readonly id: string;
  readonly attributes: TargetAttributes;
  readonly intervalMs: number;
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
    target: { id: savedObject.id, attributes: decoded.right, intervalMs: intervalToMs(decoded.right.interval) },
  };
}

export function toApiTarget(savedObject: SavedObject<TargetAttributes>): Target {
  const { name, service_name, url, interval, enabled, max_custom_vars, cmdline_mode } = savedObject.attributes;
  return {
    id: savedObject.id,
    version: savedObject.version ?? '',
    name,
    service_name,
    url,
    interval,
    enabled,
    max_custom_vars: max_custom_vars ?? DEFAULT_MAX_CUSTOM_VARS,
    cmdline_mode: cmdline_mode ?? DEFAULT_CMDLINE_MODE,
  };
}

const PAGE_SIZE = 1000;
/** A hard ceiling so that a runaway import cannot make one poll run unbounded. */
export const MAX_TARGETS = 10_000;

/** Every stored target in every space, decoded; invalid ones are returned so they can be logged. */
export async function loadAllTargets(repository: ISavedObjectsRepository): Promise<DecodedTarget[]> {
  const decoded: DecodedTarget[] = [];
  for (let page = 1; decoded.length < MAX_TARGETS; page++) {
    const response = await repository.find<unknown>({
      type: TARGET_SAVED_OBJECT_TYPE,
      perPage: PAGE_SIZE,
      page,
      namespaces: ['*'],
      sortField: 'updated_at',
      sortOrder: 'asc',
    });
    decoded.push(...response.saved_objects.map(decodeSavedTarget));
    if (response.saved_objects.length < PAGE_SIZE) break;
  }
  return decoded.slice(0, MAX_TARGETS);
}
