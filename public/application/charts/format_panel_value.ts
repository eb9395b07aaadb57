import { formatBytes, formatNanos } from '../format_value';
import type { PanelUnit } from '../panels/panel_definition';

function compact(value: number): string {
  const abs = Math.abs(value);
  if (abs >= 1e9) return `${(value / 1e9).toFixed(2)} G`;
  if (abs >= 1e6) return `${(value / 1e6).toFixed(2)} M`;
  if (abs >= 1e4) return `${(value / 1e3).toFixed(1)} k`;
  return abs >= 100 || Number.isInteger(value)
    ? Math.round(value).toLocaleString('en-US')
    : value.toFixed(2);
}

export function formatPanelValue(value: number, unit: PanelUnit): string {
  switch (unit) {
    case 'bytes':
      return formatBytes(value);
    case 'bytes_per_second':
      return `${formatBytes(value)}/s`;
    case 'nanos':
      return formatNanos(value);
    case 'fraction':
      return `${(value * 100).toFixed(2)} %`;
    case 'per_second':
      return `${compact(value)}/s`;
    case 'count':
      return compact(value);
  }
}
