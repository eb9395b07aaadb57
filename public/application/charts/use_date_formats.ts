import { useMemo } from 'react';
import { useKibana } from '@kbn/kibana-react-plugin/public';
import {
  DATE_FORMAT,
  SCALED_DATE_FORMAT,
  formatInstant,
  scaledDateFormat,
  type ScaledDateRules,
} from './date_format';

export interface DateFormats {
  /** One instant, in the user's `dateFormat` (tooltip headers, restart times). */
  readonly instant: (at: number) => string;
  /** A time axis's formatter for values `intervalMs` apart, from `dateFormat:scaled`. */
  readonly axis: (intervalMs: number) => (at: number) => string;
}

/** The page's one way to write dates: Kibana's date settings, read through core's uiSettings. */
export function useDateFormats(): DateFormats {
  const { uiSettings } = useKibana().services;
  if (uiSettings === undefined) throw new Error('useDateFormats needs core uiSettings in context');
  const dateFormat = uiSettings.get<string>(DATE_FORMAT);
  const rules = uiSettings.get<ScaledDateRules>(SCALED_DATE_FORMAT);
  return useMemo(
    () => ({
      instant: (at) => formatInstant(at, dateFormat),
      axis: (intervalMs) => {
        const format = scaledDateFormat(rules, dateFormat, intervalMs);
        return (at) => formatInstant(at, format);
      },
    }),
    // The rules arrive parsed anew on every get: their text is the identity.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [dateFormat, JSON.stringify(rules)]
  );
}
