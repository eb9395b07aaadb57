import { SOURCE_LABELS, type SourceId, type SourceProblem } from '../../common/sources';
import type { SourceReader } from './source_readers';

/**
 * A source's failed search as one line for the page, beside what the other sources drew: which
 * source, which index, and what to do (an index the user may not read, a field mapped as text in
 * one index, a timeout). Panels, the services list and the instances list say it the same way.
 */

/** Where kibana.yml configures each source, for the messages' advice. */
const SETTINGS_KEY: Record<SourceId, string> = {
  go_runtime: 'go_runtime',
  apm: 'go_runtime.sources.apm',
  golang_integration: 'go_runtime.sources.golangIntegration',
  metricbeat: 'go_runtime.sources.metricbeat',
};

interface ShardFailure {
  index?: string;
  reason?: {
    type?: string;
    reason?: string | null;
    caused_by?: { reason?: string | null };
  };
}

function failureReason(failure: ShardFailure): string {
  const reason = failure.reason;
  return (reason?.caused_by?.reason ?? reason?.reason ?? 'no reason given').replace(/\.+$/, '');
}

function shardFailureMessage(reader: SourceReader, failures: readonly ShardFailure[]): string {
  const first = failures[0] ?? {};
  const index = first.index ?? reader.index;
  const where =
    reader.id === 'go_runtime'
      ? 'the data stream'
      : `the index pattern in ${SETTINGS_KEY[reader.id]}.indices`;
  return (
    `${SOURCE_LABELS[reader.id]}: the search failed on index ${index}: ${failureReason(first)}. ` +
    `A field is likely mapped differently there (for example as text or keyword where a number ` +
    `belongs): fix that index's mapping (its template, then a rollover or reindex), or leave the ` +
    `index out of ${where}.`
  );
}

/** A source's failed search as a message that says which source, where, and what to do. */
export function sourceProblem(reader: SourceReader, error: unknown): SourceProblem {
  const meta = (
    error as {
      meta?: {
        statusCode?: number;
        body?: {
          error?: {
            type?: string;
            reason?: string;
            caused_by?: { reason?: string };
            failed_shards?: ShardFailure[];
          };
        };
      };
    }
  ).meta;
  const label = SOURCE_LABELS[reader.id];
  const body = meta?.body?.error;
  const reason = body?.caused_by?.reason ?? body?.reason ?? (error as Error).message;
  const status = meta?.statusCode;
  if (status === 401 || status === 403) {
    const turnOff =
      reader.id === 'go_runtime'
        ? ''
        : `, or turn the source off (${SETTINGS_KEY[reader.id]}.enabled: false)`;
    return {
      source: reader.id,
      message: `${label}: Elasticsearch refused your user the search of ${reader.index} (${reason}). Ask an administrator for the "read" index privilege on ${reader.index}${turnOff}.`,
    };
  }
  if (body?.failed_shards !== undefined && body.failed_shards.length > 0)
    return { source: reader.id, message: shardFailureMessage(reader, body.failed_shards) };
  if (
    status === 408 ||
    status === 504 ||
    (error as Error).name === 'TimeoutError' ||
    /timed? ?out/i.test(reason)
  )
    return {
      source: reader.id,
      message: `${label}: the search of ${reader.index} did not answer in time. Try a shorter time range or fewer instances.`,
    };
  return {
    source: reader.id,
    message: `${label}: the search of ${reader.index} failed: ${reason}.`,
  };
}

/** The problem of a search that answered but skipped some shards, if it did. */
export function partialProblem(
  reader: SourceReader,
  response: { _shards?: { failed?: number; failures?: ShardFailure[] } }
): SourceProblem | undefined {
  const shards = response._shards;
  if (shards === undefined || (shards.failed ?? 0) === 0) return undefined;
  return { source: reader.id, message: shardFailureMessage(reader, shards.failures ?? []) };
}
