import { EuiButton, EuiEmptyPrompt, EuiLoadingSpinner } from '@elastic/eui';
import { i18n } from '@kbn/i18n';
import type { ListTargetsResponse } from '../../../common/targets';
import { useFetch } from '../hooks/use_fetch';
import { NoDataInRange } from './no_data_in_range';
import { PublishExpvarPrompt } from './publish_expvar_prompt';

/** Enough targets to find the latest collection of any: more than a services list shows. */
const TARGETS_LOOKED_AT = 1000;

/** Why the services list is empty: the onboarding is only for a Kibana with no target at all. */
export type NoServicesReason =
  | { readonly kind: 'noTarget' }
  | { readonly kind: 'notInRange'; readonly lastSampleAt: number }
  | { readonly kind: 'neverCollected'; readonly targets: number };

export function noServicesReason(targets: ListTargetsResponse): NoServicesReason {
  if (targets.total === 0) return { kind: 'noTarget' };
  const lastSampleAt = Math.max(
    ...targets.targets.map((target) =>
      target.health?.last_success_at === undefined
        ? -Infinity
        : Date.parse(target.health.last_success_at)
    )
  );
  return Number.isFinite(lastSampleAt)
    ? { kind: 'notInRange', lastSampleAt }
    : { kind: 'neverCollected', targets: targets.total };
}

const NO_SERVICE_TITLE = i18n.translate('goRuntime.services.emptyTitle', {
  defaultMessage: 'No Go service reported in this time range',
});

/**
 * The services list without a row: onboarding when no target exists, the last collection (and
 * a range that shows it) when targets exist but nothing of theirs is in the range, and a way to
 * their health when none was ever collected.
 */
export function NoServices({
  listTargets,
  canAddTarget,
  onAddTarget,
  onOpenTargets,
  selectRange,
}: {
  listTargets: (signal: AbortSignal, query: { per_page: number }) => Promise<ListTargetsResponse>;
  canAddTarget: boolean;
  onAddTarget: () => void;
  onOpenTargets: () => void;
  selectRange: (fromMs: number, toMs: number) => void;
}) {
  const targets = useFetch((signal) => listTargets(signal, { per_page: TARGETS_LOOKED_AT }), []);
  if (targets.status === 'loading' && targets.data === undefined)
    return <EuiLoadingSpinner size="l" data-test-subj="goRuntimeServicesLoading" />;
  // Without the targets (an error) the onboarding still says what to do, and that the range may be the cause.
  const reason: NoServicesReason =
    targets.data === undefined ? { kind: 'noTarget' } : noServicesReason(targets.data);
  switch (reason.kind) {
    case 'noTarget':
      return (
        <PublishExpvarPrompt
          title={
            targets.data === undefined
              ? NO_SERVICE_TITLE
              : i18n.translate('goRuntime.services.noTargetTitle', {
                  defaultMessage: 'No Go program is collected yet',
                })
          }
          canAddTarget={canAddTarget}
          onAddTarget={onAddTarget}
        />
      );
    case 'notInRange':
      return (
        <NoDataInRange
          title={NO_SERVICE_TITLE}
          lastSampleAt={reason.lastSampleAt}
          selectRange={selectRange}
        />
      );
    case 'neverCollected':
      return (
        <EuiEmptyPrompt
          iconType="logoGolang"
          data-test-subj="goRuntimeNeverCollected"
          title={
            <h2>
              {i18n.translate('goRuntime.services.neverCollectedTitle', {
                defaultMessage: 'Nothing was collected from the targets yet',
              })}
            </h2>
          }
          body={
            <p>
              {i18n.translate('goRuntime.services.neverCollectedBody', {
                defaultMessage:
                  '{count, plural, one {# target is} other {# targets are}} set up, and none has answered a scrape yet. Their health on the Targets page says why.',
                values: { count: reason.targets },
              })}
            </p>
          }
          actions={
            <EuiButton onClick={onOpenTargets} data-test-subj="goRuntimeOpenTargets">
              {i18n.translate('goRuntime.services.openTargets', { defaultMessage: 'Open Targets' })}
            </EuiButton>
          }
        />
      );
  }
}
