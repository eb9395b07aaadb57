import type { FieldUnit } from '../../common/heap_fields';

const BINARY_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

/** Go reports memory in bytes and thinks in powers of two; so do these labels. */
export function formatBytes(value: number): string {
  let scaled = value;
  let unit = 0;
  while (Math.abs(scaled) >= 1024 && unit < BINARY_UNITS.length - 1) {
    scaled /= 1024;
    unit++;
  }
  const digits = unit === 0 || Math.abs(scaled) >= 100 ? 0 : Math.abs(scaled) >= 10 ? 1 : 2;
  return `${scaled.toFixed(digits)} ${BINARY_UNITS[unit]}`;
}

export function formatNanos(value: number): string {
  if (value >= 1e9) return `${(value / 1e9).toFixed(2)} s`;
  if (value >= 1e6) return `${(value / 1e6).toFixed(2)} ms`;
  if (value >= 1e3) return `${(value / 1e3).toFixed(1)} µs`;
  return `${Math.round(value)} ns`;
}

export function formatValue(value: number, unit: FieldUnit): string {
  switch (unit) {
    case 'bytes':
      return formatBytes(value);
    case 'nanos':
      return formatNanos(value);
    case 'fraction':
      return `${(value * 100).toFixed(2)} %`;
    case 'count':
      return Math.round(value).toLocaleString('en-US');
  }
}
