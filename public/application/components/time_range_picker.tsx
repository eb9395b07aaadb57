import { useMemo } from 'react';
import { EuiSuperDatePicker } from '@elastic/eui';
import { useKibana } from '@kbn/kibana-react-plugin/public';
import { DATE_FORMAT } from '../charts/date_format';
import type { TimeRangeState } from '../routing/time_range';

/**
 * Kibana's `timepicker:quickRanges` advanced setting (registered by the data plugin:
 * src/platform/plugins/shared/data/server/ui_settings.ts, elastic/kibana
 * 0084213f6250e43a9cbe79d895e26bbc81133399): what Kibana's own date pickers list as commonly
 * used ranges, and what a user may have changed it to.
 */
export const QUICK_RANGES = 'timepicker:quickRanges';
export interface QuickRange {
  readonly from: string;
  readonly to: string;
  readonly display: string;
}

/** The picker's commonly used ranges, as Kibana's query bar makes them from the setting. */
export const commonlyUsedRanges = (ranges: readonly QuickRange[]) =>
  ranges.map(({ from, to, display }) => ({ start: from, end: to, label: display }));

/**
 * Kibana's date picker, bound to the URL's time range and refresh, with Kibana's quick ranges
 * and date format from core's uiSettings.
 */
export function TimeRangePicker({
  state,
  onChange,
  onRefresh,
  isLoading,
}: {
  state: TimeRangeState;
  onChange: (next: Partial<TimeRangeState>) => void;
  onRefresh: () => void;
  isLoading?: boolean;
}) {
  const { uiSettings } = useKibana().services;
  if (uiSettings === undefined) throw new Error('TimeRangePicker needs core uiSettings in context');
  const quickRanges = uiSettings.get<QuickRange[]>(QUICK_RANGES);
  const dateFormat = uiSettings.get<string>(DATE_FORMAT);
  const ranges = useMemo(
    () => commonlyUsedRanges(quickRanges),
    // Parsed anew on every get: the text is the identity.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [JSON.stringify(quickRanges)]
  );
  return (
    <EuiSuperDatePicker
      commonlyUsedRanges={ranges}
      dateFormat={dateFormat}
      start={state.rangeFrom}
      end={state.rangeTo}
      refreshInterval={state.refreshInterval}
      isPaused={state.refreshPaused}
      onTimeChange={({ start, end }) => onChange({ rangeFrom: start, rangeTo: end })}
      onRefreshChange={({ refreshInterval, isPaused }) =>
        onChange({ refreshInterval, refreshPaused: isPaused })
      }
      onRefresh={onRefresh}
      isLoading={isLoading}
      showUpdateButton="iconOnly"
      width="auto"
      data-test-subj="goRuntimeDatePicker"
    />
  );
}
