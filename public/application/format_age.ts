import { i18n } from '@kbn/i18n';

/** How long ago, the way the targets table says it: "4 s ago", "3 min ago", "2 h ago". */
export function formatAge(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 90)
    return i18n.translate('goRuntime.age.seconds', {
      defaultMessage: '{n} s ago',
      values: { n: seconds },
    });
  const minutes = Math.round(seconds / 60);
  if (minutes < 90)
    return i18n.translate('goRuntime.age.minutes', {
      defaultMessage: '{n} min ago',
      values: { n: minutes },
    });
  return i18n.translate('goRuntime.age.hours', {
    defaultMessage: '{n} h ago',
    values: { n: Math.round(minutes / 60) },
  });
}

/**
 * A point in time as the pages show it, in the user's date format (`instant` from
 * useDateFormats), with how long ago it was.
 */
export function formatSince(
  at: number,
  instant: (at: number) => string,
  nowMs: number = Date.now()
): string {
  return i18n.translate('goRuntime.health.since', {
    defaultMessage: '{at} ({age})',
    values: { at: instant(at), age: formatAge(nowMs - at) },
  });
}
