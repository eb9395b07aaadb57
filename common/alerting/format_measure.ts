/**
 * Values in alert messages, with their unit: what a person reads in a webhook or an e-mail.
 * Go reports memory in bytes and thinks in powers of two; so do these.
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
  if (Math.abs(value) >= 1e9) return `${(value / 1e9).toFixed(2)} s`;
  if (Math.abs(value) >= 1e6) return `${(value / 1e6).toFixed(2)} ms`;
  if (Math.abs(value) >= 1e3) return `${(value / 1e3).toFixed(1)} µs`;
  return `${Math.round(value)} ns`;
}

function plain(value: number): string {
  return Number.isInteger(value)
    ? value.toLocaleString('en-US')
    : value.toLocaleString('en-US', { maximumFractionDigits: 3 });
}

export function formatMeasure(value: number | null, unit: MeasureUnit): string {
  if (value === null) return 'no data';
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
