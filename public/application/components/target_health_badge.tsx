import { EuiHealth, EuiToolTip } from '@elastic/eui';
import { i18n } from '@kbn/i18n';
import type { TargetHealth } from '../../../common/targets';

const STATUS = {
  up: {
    color: 'success',
    label: () => i18n.translate('goRuntime.targets.health.up', { defaultMessage: 'Up' }),
  },
  down: {
    color: 'danger',
    label: () => i18n.translate('goRuntime.targets.health.down', { defaultMessage: 'Down' }),
  },
  unknown: {
    color: 'subdued',
    label: () =>
      i18n.translate('goRuntime.targets.health.unknown', { defaultMessage: 'Not scraped yet' }),
  },
} as const;

/**
 * Whether a target's scrapes work, as its collection state says: the last error and the slots
 * and documents lost so far are one hover away, so nothing is lost silently.
 */
export function TargetHealthBadge({ health }: { health: TargetHealth | undefined }) {
  const status = STATUS[health?.status ?? 'unknown'];
  const lines: string[] = [];
  if (health?.last_error !== undefined) {
    lines.push(
      i18n.translate('goRuntime.targets.health.lastError', {
        defaultMessage: 'Last error ({class}, {at}): {message}',
        values: {
          class: health.last_error.class,
          at: new Date(health.last_error.at).toLocaleString(),
          message: health.last_error.message,
        },
      })
    );
  }
  if (health?.last_success_at !== undefined) {
    lines.push(
      i18n.translate('goRuntime.targets.health.lastSuccess', {
        defaultMessage: 'Last success: {at}',
        values: { at: new Date(health.last_success_at).toLocaleString() },
      })
    );
  }
  if (
    health !== undefined &&
    health.missed_slots + health.dropped_documents + health.rejected_documents > 0
  ) {
    lines.push(
      i18n.translate('goRuntime.targets.health.losses', {
        defaultMessage:
          'Slots missed: {missed}; scrapes dropped while Elasticsearch was unavailable: {dropped}; documents rejected: {rejected}',
        values: {
          missed: health.missed_slots,
          dropped: health.dropped_documents,
          rejected: health.rejected_documents,
        },
      })
    );
  }
  const badge = (
    <EuiHealth
      color={status.color}
      data-test-subj={`goRuntimeTargetHealth-${health?.status ?? 'unknown'}`}
    >
      {status.label()}
    </EuiHealth>
  );
  return lines.length === 0 ? (
    badge
  ) : (
    <EuiToolTip display="block" content={lines.join('\n')}>
      {badge}
    </EuiToolTip>
  );
}
