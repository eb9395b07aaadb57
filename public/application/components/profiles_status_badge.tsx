import { EuiBadge, EuiToolTip } from '@elastic/eui';
import { i18n } from '@kbn/i18n';
import type { ProfilesStatus, TargetProfilesHealth } from '../../../common/profiles';

const STATUS: Record<ProfilesStatus, { color: string; label: () => string }> = {
  available: {
    color: 'success',
    label: () =>
      i18n.translate('goRuntime.targets.profiles.available', {
        defaultMessage: 'Profiles',
      }),
  },
  not_available: {
    color: 'default',
    label: () =>
      i18n.translate('goRuntime.targets.profiles.notAvailable', {
        defaultMessage: 'No profiles',
      }),
  },
  failing: {
    color: 'warning',
    label: () =>
      i18n.translate('goRuntime.targets.profiles.failing', {
        defaultMessage: 'Profiles failing',
      }),
  },
  off: {
    color: 'hollow',
    label: () =>
      i18n.translate('goRuntime.targets.profiles.off', { defaultMessage: 'Profiles off' }),
  },
  unknown: {
    color: 'hollow',
    label: () =>
      i18n.translate('goRuntime.targets.profiles.unknown', {
        defaultMessage: 'Profiles not checked yet',
      }),
  },
};

/** What the status means for the owner, and what to do about it. */
function explanation(status: ProfilesStatus): string {
  switch (status) {
    case 'available':
      return i18n.translate('goRuntime.targets.profiles.availableHelp', {
        defaultMessage: 'The target serves pprof: heap and goroutine profiles are read.',
      });
    case 'not_available':
      return i18n.translate('goRuntime.targets.profiles.notAvailableHelp', {
        defaultMessage:
          'The target does not serve pprof at its profile path; expvar is scraped as usual. Import net/http/pprof in the program, or set the profile path.',
      });
    case 'failing':
      return i18n.translate('goRuntime.targets.profiles.failingHelp', {
        defaultMessage: 'The target serves pprof, but reading a profile fails.',
      });
    case 'off':
      return i18n.translate('goRuntime.targets.profiles.offHelp', {
        defaultMessage: 'Heap and goroutine profiles are turned off for this target.',
      });
    case 'unknown':
      return i18n.translate('goRuntime.targets.profiles.unknownHelp', {
        defaultMessage: 'Whether the target serves pprof is not known yet.',
      });
  }
}

/**
 * Whether the target's origin serves pprof profiles, and why not when it does not: the reason
 * and when it was found are one hover away.
 */
export function ProfilesStatusBadge({
  profiles,
  foundAt,
}: {
  profiles: TargetProfilesHealth;
  /** When it was found, in the user's date format; left out where it is just now (a test). */
  foundAt?: string;
}) {
  const status = STATUS[profiles.status];
  const lines = [explanation(profiles.status)];
  if (profiles.error !== undefined)
    lines.push(
      i18n.translate('goRuntime.targets.profiles.reason', {
        defaultMessage: 'Why ({class}): {message}',
        values: { class: profiles.error.class, message: profiles.error.message },
      })
    );
  if (foundAt !== undefined)
    lines.push(
      i18n.translate('goRuntime.targets.profiles.at', {
        defaultMessage: 'Found: {at}',
        values: { at: foundAt },
      })
    );
  return (
    <EuiToolTip content={lines.join('\n')}>
      <EuiBadge
        color={status.color}
        tabIndex={0}
        data-test-subj={`goRuntimeTargetProfiles-${profiles.status}`}
      >
        {status.label()}
      </EuiBadge>
    </EuiToolTip>
  );
}
