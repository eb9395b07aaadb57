import { EuiFlexGroup, EuiFlexItem, EuiHealth, EuiToolTip } from '@elastic/eui';
import { i18n } from '@kbn/i18n';
import { useDateFormats } from '../charts/use_date_formats';
import { ProfilesStatusBadge } from './profiles_status_badge';
import type { ServiceHealth } from '../../../common/service_health';
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
  const { instant } = useDateFormats();
  const status = STATUS[health?.status ?? 'unknown'];
  const lines: string[] = [];
  if (health?.last_error !== undefined) {
    lines.push(
      i18n.translate('goRuntime.targets.health.lastError', {
        defaultMessage: 'Last error ({class}, {at}): {message}',
        values: {
          class: health.last_error.class,
          at: instant(Date.parse(health.last_error.at)),
          message: health.last_error.message,
        },
      })
    );
  }
  if (health?.last_success_at !== undefined) {
    lines.push(
      i18n.translate('goRuntime.targets.health.lastSuccess', {
        defaultMessage: 'Last success: {at}',
        values: { at: instant(Date.parse(health.last_success_at)) },
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
  const scrapes =
    lines.length === 0 ? (
      badge
    ) : (
      <EuiToolTip display="block" content={lines.join('\n')}>
        {badge}
      </EuiToolTip>
    );
  // Profiles beside the scrape's health: a target without pprof is up, with no profiles.
  return health?.profiles === undefined ? (
    scrapes
  ) : (
    <EuiFlexGroup gutterSize="xs" alignItems="center" responsive={false} wrap>
      <EuiFlexItem grow={false}>{scrapes}</EuiFlexItem>
      <EuiFlexItem grow={false}>
        <ProfilesStatusBadge
          profiles={health.profiles}
          {...(health.profiles.at === undefined
            ? {}
            : { foundAt: instant(Date.parse(health.profiles.at)) })}
        />
      </EuiFlexItem>
    </EuiFlexGroup>
  );
}

const SERVICE_STATE = {
  healthy: {
    color: 'success',
    label: () => i18n.translate('goRuntime.services.health.healthy', { defaultMessage: 'Healthy' }),
  },
  degraded: {
    color: 'warning',
    label: () =>
      i18n.translate('goRuntime.services.health.degraded', { defaultMessage: 'Degraded' }),
  },
  down: {
    color: 'danger',
    label: () => i18n.translate('goRuntime.services.health.down', { defaultMessage: 'Down' }),
  },
  stale: {
    color: 'subdued',
    label: () => i18n.translate('goRuntime.services.health.stale', { defaultMessage: 'Stale' }),
  },
} as const;

/** What each instance count means, one hover away from the counts themselves. */
export function instanceCountsExplained(health: ServiceHealth): string {
  return i18n.translate('goRuntime.services.health.explained', {
    defaultMessage:
      '{up, plural, one {# instance answers} other {# instances answer}} its scrapes now; {down, plural, one {# fails} other {# fail}}; {stale, plural, one {# is} other {# are}} no longer scraped (target disabled, deleted, or collection not running).',
    values: { up: health.up, down: health.down, stale: health.stale },
  });
}

/** A service's health now: whether its instances answer their scrapes. */
export function ServiceHealthBadge({ health }: { health: ServiceHealth }) {
  const state = SERVICE_STATE[health.state];
  return (
    <EuiToolTip content={instanceCountsExplained(health)}>
      <EuiHealth
        color={state.color}
        data-test-subj={`goRuntimeServiceHealth-${health.state}`}
        tabIndex={0}
      >
        {state.label()}
      </EuiHealth>
    </EuiToolTip>
  );
}

/** "2 up · 1 down", with "· 1 stale" only when some are. */
export function instanceCounts(health: ServiceHealth): string {
  const counts = i18n.translate('goRuntime.services.health.counts', {
    defaultMessage: '{up} up · {down} down',
    values: { up: health.up, down: health.down },
  });
  return health.stale === 0
    ? counts
    : i18n.translate('goRuntime.services.health.countsStale', {
        defaultMessage: '{counts} · {stale} stale',
        values: { counts, stale: health.stale },
      });
}
