import { EuiSuperDatePicker } from '@elastic/eui';
import type { TimeRangeState } from '../routing/time_range';

/** Kibana's date picker, bound to the URL's time range and refresh. */
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
  return (
    <EuiSuperDatePicker
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
