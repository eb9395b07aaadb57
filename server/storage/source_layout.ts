import type { ElasticsearchClient } from '@kbn/core/server';
import { isRight } from 'fp-ts/Either';
import * as t from 'io-ts';
import type { SourceMode } from './index_templates';

/**
 * The part of `GET _license` the choice reads. `start_date_in_millis` is -1 or absent on
 * licences without one (basic, trial).
 */
const LicenseResponse = t.type({
  license: t.intersection([
    t.type({ type: t.string, status: t.string }),
    t.partial({ start_date_in_millis: t.number }),
  ]),
});

export interface LicenseFacts {
  readonly type: string;
  readonly status: string;
  readonly startDateMs?: number;
}

/**
 * Gold and Platinum licences that started on or before this day keep synthetic `_source` for
 * time series indices (Elasticsearch's `SyntheticSourceLicenseService.DEFAULT_CUTOFF_DATE`,
 * x-pack/plugin/logsdb, and `isLegacyLicensedUsageOfSyntheticSourceAllowed`, which allows the
 * legacy use for `index.mode: time_series`).
 */
export const LEGACY_SYNTHETIC_CUTOFF_MS = Date.UTC(2025, 1, 4);

export type SourceLayout =
  | { readonly mode: SourceMode; readonly licence: LicenseFacts }
  /** `GET _license` failed: the plugin assumes Basic, whose layout works on every licence. */
  | { readonly mode: 'stored'; readonly licence: undefined; readonly error: string };

/**
 * Whether the cluster's licence lets a time series index keep synthetic `_source`, as
 * Elasticsearch decides it since 8.17 (x-pack/plugin/logsdb SyntheticSourceLicenseService and
 * LogsdbIndexModeSettingsProvider): an active Enterprise or trial licence, or an active Gold or
 * Platinum one that started before the cut-off. On any other licence Elasticsearch stores
 * `_source` whatever the template asks, so the plugin installs its stored layout instead.
 */
export function sourceModeFor(licence: LicenseFacts): SourceMode {
  if (licence.status !== 'active') return 'stored';
  if (licence.type === 'enterprise' || licence.type === 'trial') return 'synthetic';
  const legacy =
    (licence.type === 'gold' || licence.type === 'platinum') &&
    licence.startDateMs !== undefined &&
    licence.startDateMs >= 0 &&
    licence.startDateMs <= LEGACY_SYNTHETIC_CUTOFF_MS;
  return legacy ? 'synthetic' : 'stored';
}

/** Reads the cluster's licence and picks the heap layout; never throws. */
export async function readSourceLayout(client: ElasticsearchClient): Promise<SourceLayout> {
  try {
    const response: unknown = await client.license.get();
    const decoded = LicenseResponse.decode(response);
    if (!isRight(decoded)) throw new Error('GET _license answered without license.type/status');
    const { type, status, start_date_in_millis } = decoded.right.license;
    const licence: LicenseFacts = {
      type,
      status,
      ...(start_date_in_millis === undefined ? {} : { startDateMs: start_date_in_millis }),
    };
    return { mode: sourceModeFor(licence), licence };
  } catch (error) {
    return { mode: 'stored', licence: undefined, error: (error as Error).message };
  }
}
