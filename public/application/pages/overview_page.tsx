import { useState } from 'react';
import dateMath from '@kbn/datemath';
import {
  EuiButton,
  EuiCallOut,
  EuiEmptyPrompt,
  EuiFlexGrid,
  EuiFlexItem,
  EuiLoadingChart,
  EuiPageTemplate,
  EuiSpacer,
  EuiSuperDatePicker,
} from '@elastic/eui';
import { i18n } from '@kbn/i18n';
import { heapField, type HeapFieldName } from '../../../common/heap_fields';
import type { HeapSeries } from '../../../common/heap_series';
import type { GoRuntimeApi } from '../api/go_runtime_api';
import { HeapChart } from '../components/heap_chart';
import { useFetch } from '../hooks/use_fetch';

const FIELD: HeapFieldName = 'golang.heap.allocations.allocated';
const REFRESH_MS = 10_000;

function resolveRange(start: string, end: string): { from: string; to: string } | undefined {
  const from = dateMath.parse(start);
  const to = dateMath.parse(end, { roundUp: true });
  if (from === undefined || to === undefined || !from.isValid() || !to.isValid()) return undefined;
  return { from: from.toISOString(), to: to.toISOString() };
}

export function OverviewPage({ api, onGoToTargets }: { api: GoRuntimeApi; onGoToTargets: () => void }) {
  const [range, setRange] = useState({ start: 'now-15m', end: 'now' });
  const series = useFetch(
    async (signal) => {
      const resolved = resolveRange(range.start, range.end);
      if (resolved === undefined) throw new Error(i18n.translate('goRuntime.overview.badRange', { defaultMessage: 'The time range is not valid.' }));
      return api.heapSeries({ ...resolved, field: FIELD }, signal);
    },
    [range.start, range.end],
    REFRESH_MS
  );

  const byService = new Map<string, HeapSeries[]>();
  for (const line of series.data?.series ?? []) {
    byService.set(line.service_name, [...(byService.get(line.service_name) ?? []), line]);
  }

  return (
    <EuiPageTemplate.Section>
      <EuiSuperDatePicker
        start={range.start}
        end={range.end}
        onTimeChange={({ start, end }) => setRange({ start, end })}
        onRefresh={() => series.reload()}
        isLoading={series.status === 'loading'}
        showUpdateButton="iconOnly"
        width="auto"
      />
      <EuiSpacer size="m" />
      {series.status === 'error' && (
        <>
          <EuiCallOut
            color="danger"
            iconType="error"
            title={i18n.translate('goRuntime.overview.errorTitle', { defaultMessage: 'Could not load heap data' })}
            data-test-subj="goRuntimeOverviewError"
          >
            {series.error.message}
          </EuiCallOut>
          <EuiSpacer size="m" />
        </>
      )}
      {series.data === undefined && series.status === 'loading' && <EuiLoadingChart size="xl" />}
      {series.data !== undefined && byService.size === 0 && (
        <EuiEmptyPrompt
          iconType="visLine"
          data-test-subj="goRuntimeOverviewEmpty"
          title={<h2>{i18n.translate('goRuntime.overview.emptyTitle', { defaultMessage: 'No heap data in this time range' })}</h2>}
          body={i18n.translate('goRuntime.overview.emptyBody', {
            defaultMessage: 'Add a Go service that serves /debug/vars as a target, or widen the time range.',
          })}
          actions={
            <EuiButton onClick={onGoToTargets} fill>
              {i18n.translate('goRuntime.overview.goToTargets', { defaultMessage: 'Manage targets' })}
            </EuiButton>
          }
        />
      )}
      <EuiFlexGrid columns={2}>
        {[...byService.entries()].map(([serviceName, lines]) => (
          <EuiFlexItem key={serviceName}>
            <HeapChart serviceName={serviceName} series={lines} field={heapField(FIELD)} />
          </EuiFlexItem>
        ))}
      </EuiFlexGrid>
    </EuiPageTemplate.Section>
  );
}
