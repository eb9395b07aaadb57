import { EuiBadge, EuiBadgeGroup, EuiCallOut, EuiText } from '@elastic/eui';
import { i18n } from '@kbn/i18n';
import type { InstanceSummary, SourceRemarks } from '../../../common/panels';
import type { SourceId } from '../../../common/sources';

/** Each source's name as the page shows it (common/sources.ts SOURCE_LABELS, translated). */
const SOURCE_NAMES: Record<SourceId, () => string> = {
  go_runtime: () =>
    i18n.translate('goRuntime.sources.go_runtime', { defaultMessage: 'Go Runtime scrape' }),
  apm: () => i18n.translate('goRuntime.sources.apm', { defaultMessage: 'APM Go agent' }),
  golang_integration: () =>
    i18n.translate('goRuntime.sources.golang_integration', {
      defaultMessage: 'Golang integration',
    }),
  metricbeat: () =>
    i18n.translate('goRuntime.sources.metricbeat', { defaultMessage: 'Metricbeat' }),
};

export const sourceName = (source: SourceId): string => SOURCE_NAMES[source]();

const SOURCE_COLORS: Record<SourceId, string> = {
  go_runtime: 'primary',
  apm: 'accent',
  golang_integration: 'success',
  metricbeat: 'warning',
};

/** Where a service's data comes from, one badge per source. */
export function SourceBadges({ sources }: { sources: readonly SourceId[] }) {
  return (
    <EuiBadgeGroup gutterSize="xs">
      {sources.map((source) => (
        <EuiBadge
          key={source}
          color={SOURCE_COLORS[source]}
          data-test-subj={`goRuntimeSourceBadge-${source}`}
        >
          {sourceName(source)}
        </EuiBadge>
      ))}
    </EuiBadgeGroup>
  );
}

/** A name's sources: one name in two sources is two instances, listed under one name. */
export function instanceSources(
  instances: readonly InstanceSummary[]
): Map<string, readonly SourceId[]> {
  const sources = new Map<string, SourceId[]>();
  for (const instance of instances)
    sources.set(instance.name, [...(sources.get(instance.name) ?? []), instance.source]);
  return sources;
}

/** An instance in the picker: its name, then its sources. */
export function InstanceOption({ name, sources }: { name: string; sources: readonly SourceId[] }) {
  return (
    <span data-test-subj={`goRuntimeInstanceOption-${name}`}>
      {name}
      {sources.length > 0 && (
        <EuiText size="xs" color="subdued" component="span">
          {` · ${sources.map(sourceName).join(', ')}`}
        </EuiText>
      )}
    </span>
  );
}

/** A line's legend label with its source, when the line names one ("host-1 · APM Go agent"). */
export const withSource = (label: string, source: SourceId | undefined): string =>
  source === undefined ? label : `${label} · ${sourceName(source)}`;

/**
 * What a response says of its sources: a warning per source that failed (what the others drew
 * stays on screen) and one short line per note (why a source feeds the panel less).
 */
export function SourceRemarksView({ remarks }: { remarks: SourceRemarks }) {
  return (
    <>
      {(remarks.problems ?? []).map((problem, i) => (
        <EuiCallOut
          key={`problem-${i}`}
          color="warning"
          iconType="warning"
          size="s"
          title={i18n.translate('goRuntime.sources.problem', {
            defaultMessage: '{source}: not shown',
            values: { source: sourceName(problem.source) },
          })}
          data-test-subj={`goRuntimeSourceProblem-${problem.source}`}
        >
          {problem.message}
        </EuiCallOut>
      ))}
      {(remarks.notes ?? []).map((note, i) => (
        <EuiText
          key={`note-${i}`}
          size="xs"
          color="subdued"
          data-test-subj={`goRuntimeSourceNote-${note.source}`}
        >
          <p>{note.message}</p>
        </EuiText>
      ))}
    </>
  );
}
