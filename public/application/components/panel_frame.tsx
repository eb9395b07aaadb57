import type { ReactNode } from 'react';
import {
  EuiButtonIcon,
  EuiCallOut,
  EuiFlexGroup,
  EuiFlexItem,
  EuiIconTip,
  EuiLoadingChart,
  EuiPanel,
  EuiSpacer,
  EuiText,
  EuiTitle,
} from '@elastic/eui';
import { i18n } from '@kbn/i18n';
import type { InstanceLimit, SourceRemarks } from '../../../common/panels';
import { panelRulePrefill } from '../../alerting/rule_prefill';
import { CHART_HEIGHT } from '../charts/chart_size';
import { useDashboard } from '../dashboard_context';
import type { FetchState } from '../hooks/use_fetch';
import type { PanelDefinition } from '../panels/panel_definition';
import { SourceRemarksView } from './source_badges';

/**
 * The frame of every dashboard panel: title with its info text, then loading, error, "no
 * data" or the chart, and a note when the instances were limited. A refresh keeps the last
 * chart on screen. Loading, error and "no data" take the chart's height, so a panel keeps its
 * size when its data arrives and the panels under it stay where they are.
 */
/**
 * What the frame shows of a panel: a dashboard panel's definition, or a panel outside that list
 * (the profile panels), which has a title and an info text but no rule to create from it.
 */
export type FramedPanel =
  | PanelDefinition
  | { readonly id: string; readonly title: string; readonly info: string };

export function PanelFrame<T>({
  panel,
  state,
  isEmpty,
  instancesOf,
  remarksOf,
  toolbar,
  bodyHeight = CHART_HEIGHT,
  emptyMessage,
  children,
}: {
  panel: FramedPanel;
  state: FetchState<T>;
  isEmpty: (data: T) => boolean;
  instancesOf?: (data: T) => InstanceLimit;
  /** What the response says of its sources (a failed one, a note), shown above the chart. */
  remarksOf?: (data: T) => SourceRemarks;
  toolbar?: ReactNode;
  /** The chart's height: what the panel reserves before it has a chart to show. */
  bodyHeight?: number;
  /** What "empty" means for this panel, when it is more than no data in the range. */
  emptyMessage?: string;
  children: (data: T) => ReactNode;
}) {
  const { createRule } = useDashboard();
  const prefill =
    createRule && 'chart' in panel ? panelRulePrefill(createRule.serviceName, panel) : undefined;
  const data = state.data;
  const limit = data === undefined || instancesOf === undefined ? undefined : instancesOf(data);
  const errorCallout = state.status === 'error' && (
    <EuiCallOut
      color="danger"
      iconType="error"
      size="s"
      title={i18n.translate('goRuntime.panel.error', {
        defaultMessage: 'Could not load this panel',
      })}
      data-test-subj="goRuntimePanelError"
    >
      {state.error.message}
    </EuiCallOut>
  );
  return (
    <EuiPanel
      hasBorder
      data-test-subj={`goRuntimePanel-${panel.id}`}
      data-panel-status={data === undefined ? state.status : isEmpty(data) ? 'empty' : 'data'}
    >
      <EuiFlexGroup gutterSize="s" alignItems="center" responsive={false}>
        <EuiFlexItem grow={false}>
          <EuiTitle size="xs">
            <h3>{panel.title}</h3>
          </EuiTitle>
        </EuiFlexItem>
        <EuiFlexItem grow={false}>
          <EuiIconTip type="info" content={panel.info} aria-label={panel.title} />
        </EuiFlexItem>
        <EuiFlexItem />
        {toolbar !== undefined && <EuiFlexItem grow={false}>{toolbar}</EuiFlexItem>}
        {createRule !== undefined && prefill !== undefined && (
          <EuiFlexItem grow={false}>
            <EuiButtonIcon
              iconType="bell"
              display="empty"
              aria-label={i18n.translate('goRuntime.panel.createRule', {
                defaultMessage: 'Create rule',
              })}
              title={i18n.translate('goRuntime.panel.createRule', {
                defaultMessage: 'Create rule',
              })}
              onClick={() => createRule.open(prefill)}
              data-test-subj={`goRuntimePanelCreateRule-${panel.id}`}
            />
          </EuiFlexItem>
        )}
      </EuiFlexGroup>
      <EuiSpacer size="s" />
      {data !== undefined && remarksOf !== undefined && (
        <SourceRemarksView remarks={remarksOf(data)} />
      )}
      {data !== undefined && !isEmpty(data) ? (
        <>
          {errorCallout}
          {children(data)}
        </>
      ) : (
        <EuiFlexGroup
          direction="column"
          justifyContent="center"
          alignItems="center"
          gutterSize="none"
          style={{ minHeight: bodyHeight }}
          data-test-subj="goRuntimePanelPlaceholder"
        >
          {errorCallout}
          {data === undefined && state.status === 'loading' && (
            <EuiLoadingChart size="l" data-test-subj="goRuntimePanelLoading" />
          )}
          {data !== undefined && isEmpty(data) && (
            <EuiText
              size="s"
              color="subdued"
              textAlign="center"
              data-test-subj="goRuntimePanelEmpty"
            >
              <p>
                {emptyMessage ??
                  i18n.translate('goRuntime.panel.noData', {
                    defaultMessage: 'No data in this time range.',
                  })}
              </p>
            </EuiText>
          )}
        </EuiFlexGroup>
      )}
      {limit?.limited === true && (
        <EuiText size="xs" color="subdued" data-test-subj="goRuntimePanelLimited">
          <p>
            {i18n.translate('goRuntime.panel.limited', {
              defaultMessage:
                'Showing {shown} of {total} instances one by one; select instances to see others.',
              values: { shown: limit.shown, total: limit.total },
            })}
          </p>
        </EuiText>
      )}
    </EuiPanel>
  );
}
