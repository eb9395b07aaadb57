import { useMemo } from 'react';
import {
  EuiBasicTable,
  EuiCodeBlock,
  EuiEmptyPrompt,
  EuiFlexGrid,
  EuiFlexItem,
  EuiLoadingSpinner,
  EuiPanel,
  EuiSpacer,
  EuiText,
  EuiTitle,
} from '@elastic/eui';
import { i18n } from '@kbn/i18n';
import { DERIVED_HEAP_FIELDS, HEAP_FIELDS } from '../../../common/heap_fields';
import { formatMeasure, type MeasureUnit } from '../../../common/format_measure';
import { InstanceHealthCallOut } from '../components/instance_health_callout';
import { NoDataInRange } from '../components/no_data_in_range';
import { PanelView } from '../components/panel_view';
import { ProfilePanels } from '../components/profile_panels';
import { DashboardProvider } from '../dashboard_context';
import { useDateFormats } from '../charts/use_date_formats';
import { useRefreshingFetch } from '../hooks/use_refreshing_fetch';
import { PANELS } from '../panels';
import type { DashboardPageProps } from './service_page';
import { usePanelContext } from './use_panel_context';

interface RawValueRow {
  readonly name: string;
  readonly label: string;
  readonly unit: string;
  readonly raw: string;
  readonly readable: string;
}

function rows(
  values: Record<string, number | string>,
  instant: (at: number) => string
): RawValueRow[] {
  const fields: Array<{ name: string; label: string; unit?: MeasureUnit; source?: string }> = [
    ...HEAP_FIELDS,
    ...DERIVED_HEAP_FIELDS,
  ];
  return fields
    .filter((field) => values[field.name] !== undefined)
    .map((field) => {
      const value = values[field.name]!;
      const numeric = typeof value === 'number' ? value : Number(value);
      const unit = field.unit ?? 'count';
      return {
        name: field.name,
        label: `${i18n.translate(`goRuntime.fields.${field.name}`, {
          defaultMessage: field.label,
        })}${field.source === undefined ? '' : ` (${field.source})`}`,
        unit,
        raw: String(value),
        // LastGC is a point in time, not a duration: shown as a date.
        readable:
          field.name === 'golang.heap.gc.last_finished.ns'
            ? instant(numeric / 1e6)
            : formatMeasure(numeric, unit),
      };
    });
}

/** The panels for one instance, its latest raw MemStats values and its command line. */
export function InstancePage({
  serviceName,
  instanceName,
  ...props
}: DashboardPageProps & { serviceName: string; instanceName: string }) {
  const { api, range, rangeKey, refreshKey } = props;
  const { instant } = useDateFormats();
  const latest = useRefreshingFetch(
    (signal) =>
      api.instanceLatest({ ...range, service_name: serviceName, instance: instanceName }, signal),
    [rangeKey, serviceName, instanceName],
    refreshKey
  );
  const health = useRefreshingFetch(
    (signal) => api.serviceHealth({ service_name: serviceName, instance: instanceName }, signal),
    [serviceName, instanceName],
    refreshKey
  );
  const instances = useMemo(() => [instanceName], [instanceName]);
  const context = usePanelContext(props, serviceName, instances);

  const healthCallOut = <InstanceHealthCallOut instances={health.data?.instances ?? []} />;
  if (latest.data !== undefined && !latest.data.found) {
    if (health.data === undefined && health.status !== 'error')
      return <EuiLoadingSpinner size="l" />;
    if (health.data !== undefined && health.data.last_sample_at !== null)
      return (
        <>
          {healthCallOut}
          <NoDataInRange
            title={i18n.translate('goRuntime.instance.noDataInRange', {
              defaultMessage:
                'No data for the instance "{instance}" of "{service}" in this time range',
              values: { instance: instanceName, service: serviceName },
            })}
            lastSampleAt={health.data.last_sample_at}
            selectRange={props.selectRange}
          />
        </>
      );
    return (
      <>
        {healthCallOut}
        <EuiEmptyPrompt
          iconType="search"
          data-test-subj="goRuntimeUnknownInstance"
          title={
            <h2>
              {i18n.translate('goRuntime.instance.neverSeen', {
                defaultMessage:
                  'Nothing was ever collected for the instance "{instance}" of "{service}"',
                values: { instance: instanceName, service: serviceName },
              })}
            </h2>
          }
          body={i18n.translate('goRuntime.instance.unknownBody', {
            defaultMessage: 'Check the name, or look at the targets: is it scraped?',
          })}
        />
      </>
    );
  }
  const found = latest.data?.found === true ? latest.data : undefined;
  return (
    <DashboardProvider value={context}>
      {healthCallOut}
      <EuiFlexGrid columns={2}>
        {PANELS.map((panel) => (
          <EuiFlexItem key={panel.id}>
            <PanelView
              panel={panel}
              selection={{ serviceName, instances: [instanceName], byInstance: false }}
            />
          </EuiFlexItem>
        ))}
      </EuiFlexGrid>
      <EuiSpacer size="m" />
      <ProfilePanels selection={{ serviceName, instance: instanceName }} />
      <EuiSpacer size="l" />
      <EuiPanel hasBorder data-test-subj="goRuntimeInstanceLatest">
        <EuiTitle size="xs">
          <h3>
            {i18n.translate('goRuntime.instance.latestTitle', { defaultMessage: 'Latest values' })}
          </h3>
        </EuiTitle>
        {found !== undefined && (
          <EuiText size="xs" color="subdued">
            <p>
              {i18n.translate('goRuntime.instance.latestAt', {
                defaultMessage: 'Sample of {at} (target {target})',
                values: { at: instant(found.at), target: found.target_id },
              })}
            </p>
          </EuiText>
        )}
        <EuiSpacer size="s" />
        <EuiTitle size="xxs">
          <h4>
            {i18n.translate('goRuntime.instance.cmdline', {
              defaultMessage: 'Command line (as indexed: redacted unless the target keeps it)',
            })}
          </h4>
        </EuiTitle>
        <EuiCodeBlock paddingSize="s" language="shell" data-test-subj="goRuntimeInstanceCmdline">
          {found?.cmdline?.join(' ') ??
            i18n.translate('goRuntime.instance.noCmdline', {
              defaultMessage: '(not published or omitted)',
            })}
        </EuiCodeBlock>
        <EuiSpacer size="s" />
        <EuiBasicTable
          tableCaption={i18n.translate('goRuntime.instance.latestCaption', {
            defaultMessage: 'Latest MemStats and derived values',
          })}
          loading={latest.status === 'loading'}
          items={found === undefined ? [] : rows(found.values, instant)}
          itemId="name"
          columns={[
            {
              field: 'label',
              name: i18n.translate('goRuntime.instance.field', { defaultMessage: 'Field' }),
            },
            {
              field: 'name',
              name: i18n.translate('goRuntime.instance.fieldName', {
                defaultMessage: 'Indexed as',
              }),
            },
            {
              field: 'raw',
              name: i18n.translate('goRuntime.instance.raw', { defaultMessage: 'Raw value' }),
            },
            {
              field: 'readable',
              name: i18n.translate('goRuntime.instance.readable', { defaultMessage: 'Value' }),
            },
            {
              field: 'unit',
              name: i18n.translate('goRuntime.instance.unit', { defaultMessage: 'Unit' }),
            },
          ]}
          data-test-subj="goRuntimeInstanceLatestTable"
        />
      </EuiPanel>
    </DashboardProvider>
  );
}
