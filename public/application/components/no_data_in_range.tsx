import { EuiButton, EuiEmptyPrompt } from '@elastic/eui';
import { i18n } from '@kbn/i18n';
import { useDateFormats } from '../charts/use_date_formats';
import { formatSince } from '../format_age';

/** How much before the last sample a widened range starts, so the last minutes show as lines. */
const BEFORE_LAST_SAMPLE_MS = 15 * 60_000;

/**
 * Data exists, only not in the chosen range: say when it was last seen and offer the range
 * that shows it, instead of the onboarding prompt meant for a service never collected.
 */
export function NoDataInRange({
  title,
  lastSampleAt,
  selectRange,
}: {
  title: string;
  lastSampleAt: number;
  selectRange: (fromMs: number, toMs: number) => void;
}) {
  const { instant } = useDateFormats();
  return (
    <EuiEmptyPrompt
      iconType="clock"
      data-test-subj="goRuntimeNoDataInRange"
      title={<h2>{title}</h2>}
      body={
        <p>
          {i18n.translate('goRuntime.noDataInRange.lastSeen', {
            defaultMessage: 'Last seen {at}.',
            values: { at: formatSince(lastSampleAt, instant) },
          })}
        </p>
      }
      actions={
        <EuiButton
          fill
          iconType="calendar"
          onClick={() =>
            selectRange(lastSampleAt - BEFORE_LAST_SAMPLE_MS, Math.max(Date.now(), lastSampleAt))
          }
          data-test-subj="goRuntimeWidenRange"
        >
          {i18n.translate('goRuntime.noDataInRange.widen', {
            defaultMessage: 'Widen the range to the last sample',
          })}
        </EuiButton>
      }
    />
  );
}
