/**
 * The plugin's one vocabulary of units and one way to write a value in its unit: the dashboard's
 * axes and tooltips, the instance table and the rules' messages all read the same number the
 * same way. Go reports memory in bytes and thinks in powers of two; so do these.
 */
export type MeasureUnit =
  | 'bytes'
  | 'bytes_per_second'
  | 'bytes_per_hour'
  | 'nanos'
  | 'millis'
  | 'fraction'
  | 'count'
  | 'per_second'
  | 'none';

export interface FormatOptions {
  /**
   * Counts and rates in k, M and G: an axis tick or a tooltip has room for a few characters,
   * a table or a message has room for every digit.
   */
  readonly compact?: boolean;
}

const BINARY_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];

function bytes(value: number): string {
  let scaled = value;
  let unit = 0;
  while (Math.abs(scaled) >= 1024 && unit < BINARY_UNITS.length - 1) {
    scaled /= 1024;
    unit++;
  }
  const digits = unit === 0 || Math.abs(scaled) >= 100 ? 0 : Math.abs(scaled) >= 10 ? 1 : 2;
  return `${scaled.toFixed(digits)} ${BINARY_UNITS[unit]}`;
}

function nanos(value: number): string {
  const abs = Math.abs(value);
  if (abs >= 1e9) return `${(value / 1e9).toFixed(2)} s`;
  if (abs >= 1e6) return `${(value / 1e6).toFixed(2)} ms`;
  if (abs >= 1e3) return `${(value / 1e3).toFixed(1)} µs`;
  return `${Math.round(value)} ns`;
}

function exact(value: number): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: Number.isInteger(value) ? 0 : 3 });
}

function compact(value: number): string {
  const abs = Math.abs(value);
  if (abs >= 1e9) return `${(value / 1e9).toFixed(2)} G`;
  if (abs >= 1e6) return `${(value / 1e6).toFixed(2)} M`;
  if (abs >= 1e4) return `${(value / 1e3).toFixed(1)} k`;
  return abs >= 100 || Number.isInteger(value)
    ? Math.round(value).toLocaleString('en-US')
    : value.toFixed(2);
}

export function formatMeasure(
  value: number | null,
  unit: MeasureUnit,
  options: FormatOptions = {}
): string {
  if (value === null) return 'no data';
  const plain = options.compact === true ? compact : exact;
  switch (unit) {
    case 'bytes':
      return bytes(value);
    case 'bytes_per_second':
      return `${bytes(value)}/s`;
    case 'bytes_per_hour':
      return `${bytes(value)}/h`;
    case 'nanos':
      return nanos(value);
    case 'millis':
      return nanos(value * 1e6);
    case 'fraction':
      return `${(value * 100).toFixed(2)} %`;
    case 'per_second':
      return `${plain(value)}/s`;
    case 'count':
    case 'none':
      return plain(value);
  }
}
