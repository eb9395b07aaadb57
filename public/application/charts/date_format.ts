import moment from 'moment';

/**
 * Dates as Kibana writes them, from its advanced settings (core's uiSettings): `dateFormat`
 * for one instant (a tooltip's header, a restart's time), `dateFormat:scaled` for a time axis,
 * whose format follows the interval between its values. Keys and defaults:
 * src/core/packages/ui-settings/server-internal/src/settings/date_formats.ts (elastic/kibana
 * 8137d1cdb0b7fa60624f5ecf6ea9fc21cbdebae4).
 */
export const DATE_FORMAT = 'dateFormat';
export const SCALED_DATE_FORMAT = 'dateFormat:scaled';

/** `dateFormat:scaled`'s rules: [ISO 8601 duration (the least interval), moment format]. */
export type ScaledDateRules = ReadonlyArray<readonly [string, string]>;

/**
 * The format of the last rule whose interval the given one reaches; an empty key matches any
 * interval. The choice Kibana's TimeBuckets.getScaledDateFormat makes
 * (src/platform/plugins/shared/data/common/search/aggs/buckets/lib/time_buckets/time_buckets.ts).
 */
export function scaledDateFormat(
  rules: ScaledDateRules,
  dateFormat: string,
  intervalMs: number
): string {
  for (let i = rules.length - 1; i >= 0; i--) {
    const [key, format] = rules[i]!;
    if (key === '' || intervalMs >= moment.duration(key).asMilliseconds()) return format;
  }
  return dateFormat;
}

/** Formats an instant (ms since the epoch) in the browser's time zone, Kibana's default. */
export const formatInstant = (at: number, format: string) => moment(at).format(format);
