import { EuiCallOut, EuiSpacer } from '@elastic/eui';
import { i18n } from '@kbn/i18n';
import type { InstanceHealth, StaleCause } from '../../../common/service_health';
import { useDateFormats } from '../charts/use_date_formats';
import { formatSince } from '../format_age';

const STALE_CAUSE: Record<StaleCause, () => string> = {
  disabled: () =>
    i18n.translate('goRuntime.health.cause.disabled', { defaultMessage: 'its target is disabled' }),
  removed: () =>
    i18n.translate('goRuntime.health.cause.removed', { defaultMessage: 'its target was deleted' }),
  not_scraped: () =>
    i18n.translate('goRuntime.health.cause.notScraped', {
      defaultMessage: 'no scrape was recorded lately: is collection running?',
    }),
};

/**
 * Names each instance that does not answer now, since when and why, above the charts: a
 * stopped program's lines just end, which is easy to miss.
 */
export function InstanceHealthCallOut({ instances }: { instances: readonly InstanceHealth[] }) {
  const { instant } = useDateFormats();
  const down = instances.filter(
    (i): i is Extract<InstanceHealth, { state: 'down' }> => i.state === 'down'
  );
  // A deleted target's instance is gone, not a problem to report beside the others.
  const stale = instances.filter(
    (i): i is Extract<InstanceHealth, { state: 'stale' }> =>
      i.state === 'stale' && i.cause !== 'removed'
  );
  return (
    <>
      {down.length > 0 && (
        <>
          <EuiCallOut
            color="danger"
            iconType="error"
            data-test-subj="goRuntimeDownCallOut"
            title={i18n.translate('goRuntime.health.downTitle', {
              defaultMessage:
                '{count, plural, one {# instance does not answer its scrapes} other {# instances do not answer their scrapes}}',
              values: { count: down.length },
            })}
          >
            <ul>
              {down.map((instance) => (
                <li
                  key={instance.instance}
                  data-test-subj={`goRuntimeDownInstance-${instance.instance}`}
                >
                  {i18n.translate('goRuntime.health.downLine', {
                    defaultMessage: '{instance}: down since {since}: {class}: {message}',
                    values: {
                      instance: instance.instance,
                      since: formatSince(instance.down_since, instant),
                      class: instance.error.class,
                      message: instance.error.message,
                    },
                  })}
                </li>
              ))}
            </ul>
          </EuiCallOut>
          <EuiSpacer size="m" />
        </>
      )}
      {stale.length > 0 && (
        <>
          <EuiCallOut
            color="warning"
            iconType="clock"
            data-test-subj="goRuntimeStaleCallOut"
            title={i18n.translate('goRuntime.health.staleTitle', {
              defaultMessage:
                '{count, plural, one {# instance is} other {# instances are}} no longer scraped',
              values: { count: stale.length },
            })}
          >
            <ul>
              {stale.map((instance) => (
                <li
                  key={instance.instance}
                  data-test-subj={`goRuntimeStaleInstance-${instance.instance}`}
                >
                  {i18n.translate('goRuntime.health.staleLine', {
                    defaultMessage: '{instance}: last scraped {at}; {cause}',
                    values: {
                      instance: instance.instance,
                      at: formatSince(instance.last_attempt_at, instant),
                      cause: STALE_CAUSE[instance.cause](),
                    },
                  })}
                </li>
              ))}
            </ul>
          </EuiCallOut>
          <EuiSpacer size="m" />
        </>
      )}
    </>
  );
}
