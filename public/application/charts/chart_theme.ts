import { DARK_THEME, LIGHT_THEME } from '@elastic/charts';
import { useEuiTheme } from '@elastic/eui';

/** Elastic Charts' base theme for EUI's colour mode. */
export function useChartBaseTheme() {
  const { colorMode } = useEuiTheme();
  return colorMode === 'DARK' ? DARK_THEME : LIGHT_THEME;
}

declare global {
  interface Window {
    /** Set by functional tests, as Kibana's own: Elastic Charts then publishes its debug state. */
    _echDebugStateFlag?: boolean;
  }
}

/**
 * Elastic Charts' `debugState` (axes, legend, bars as drawn, on the chart's status element),
 * on where a functional test asked for it: Kibana's charts pass `window._echDebugStateFlag`
 * the same way (e.g. its XY and heatmap expressions).
 */
export const chartDebugState = (): boolean => window._echDebugStateFlag ?? false;
