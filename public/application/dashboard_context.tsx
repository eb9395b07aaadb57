import { createContext, useContext, useMemo, useRef, type ReactNode, type RefObject } from 'react';
import type { Chart, PointerEvent } from '@elastic/charts';
import type { ActiveAlert } from '../../common/alerting/active_alerts';
import type { Restart } from '../../common/panels';
import type { RulePrefill } from '../alerting/rule_prefill';
import type { DashboardApi } from './api/dashboard_api';

/**
 * Keeps the pointer of every chart on a page in step: the chart under the mouse reports its
 * pointer, the others are told through Elastic Charts' external pointer events.
 */
export class PointerSync {
  private readonly charts = new Map<string, RefObject<Chart>>();

  register(id: string, chart: RefObject<Chart>): () => void {
    this.charts.set(id, chart);
    return () => {
      this.charts.delete(id);
    };
  }

  update(event: PointerEvent): void {
    for (const [id, chart] of this.charts)
      if (id !== event.chartId) chart.current?.dispatchExternalPointerEvent(event);
  }
}

export interface DashboardContextValue {
  readonly api: DashboardApi;
  /** The resolved range every panel of the page asks for (ISO instants). */
  readonly range: { readonly from: string; readonly to: string };
  /** Changes when the user picks another range; loads in flight are then cancelled. */
  readonly rangeKey: string;
  /** Changes at each refresh; a load in flight is left to finish first. */
  readonly refreshKey: number;
  /** Brushing a chart: the new absolute range goes into the URL. */
  readonly selectRange: (fromMs: number, toMs: number) => void;
  readonly restarts: readonly Restart[];
  /** The service's active alerts, marked where they started; none on other pages. */
  readonly alertStarts?: readonly ActiveAlert[];
  /**
   * Opens the rule form for the page's service; absent where rules cannot be created (no
   * triggersActionsUi, no save capability, or a page that is not one service's).
   */
  readonly createRule?: {
    readonly serviceName: string;
    readonly open: (prefill: RulePrefill) => void;
  };
  readonly pointer: PointerSync;
}

const DashboardContext = createContext<DashboardContextValue | undefined>(undefined);

export function DashboardProvider({
  value,
  children,
}: {
  value: Omit<DashboardContextValue, 'pointer'>;
  children: ReactNode;
}) {
  const pointer = useRef(new PointerSync()).current;
  const full = useMemo(() => ({ ...value, pointer }), [value, pointer]);
  return <DashboardContext.Provider value={full}>{children}</DashboardContext.Provider>;
}

export function useDashboard(): DashboardContextValue {
  const value = useContext(DashboardContext);
  if (value === undefined) throw new Error('useDashboard outside a DashboardProvider');
  return value;
}
