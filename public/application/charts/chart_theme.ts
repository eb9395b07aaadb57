import { DARK_THEME, LIGHT_THEME } from '@elastic/charts';
import { useEuiTheme } from '@elastic/eui';

/** Elastic Charts' base theme for EUI's colour mode. */
export function useChartBaseTheme() {
  const { colorMode } = useEuiTheme();
  return colorMode === 'DARK' ? DARK_THEME : LIGHT_THEME;
}
