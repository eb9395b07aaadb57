import dateMath from '@kbn/datemath';

/**
 * The time range and refresh as Kibana apps keep them in the URL: `rangeFrom`, `rangeTo`
 * (date math such as `now-15m` or ISO dates), `refreshInterval` (ms) and `refreshPaused`.
 * A link, a reload and back/forward then show the same thing.
 */
export interface TimeRangeState {
  readonly rangeFrom: string;
  readonly rangeTo: string;
  readonly refreshInterval: number;
  readonly refreshPaused: boolean;
}

export const DEFAULT_TIME_RANGE: TimeRangeState = {
  rangeFrom: 'now-1h',
  rangeTo: 'now',
  refreshInterval: 10_000,
  refreshPaused: false,
};

const MIN_REFRESH_MS = 1_000;

export function parseTimeRange(search: string): TimeRangeState {
  const params = new URLSearchParams(search);
  const interval = Number(params.get('refreshInterval'));
  return {
    rangeFrom: params.get('rangeFrom') || DEFAULT_TIME_RANGE.rangeFrom,
    rangeTo: params.get('rangeTo') || DEFAULT_TIME_RANGE.rangeTo,
    refreshInterval:
      Number.isFinite(interval) && interval >= MIN_REFRESH_MS
        ? interval
        : DEFAULT_TIME_RANGE.refreshInterval,
    refreshPaused: params.has('refreshPaused')
      ? params.get('refreshPaused') === 'true'
      : DEFAULT_TIME_RANGE.refreshPaused,
  };
}

/** The search string with the time range replaced and every other parameter kept. */
export function withTimeRange(search: string, range: Partial<TimeRangeState>): string {
  const params = new URLSearchParams(search);
  const next = { ...parseTimeRange(search), ...range };
  params.set('rangeFrom', next.rangeFrom);
  params.set('rangeTo', next.rangeTo);
  params.set('refreshInterval', String(next.refreshInterval));
  params.set('refreshPaused', String(next.refreshPaused));
  return `?${params.toString()}`;
}

/** Only the time range parameters, for links to other pages of the app. */
export function timeRangeSearch(range: TimeRangeState): string {
  return withTimeRange('', range);
}

/** Date math resolved to absolute instants (ISO), or undefined when it does not parse. */
export function resolveTimeRange(
  range: Pick<TimeRangeState, 'rangeFrom' | 'rangeTo'>,
  now = new Date()
): { from: string; to: string } | undefined {
  const from = dateMath.parse(range.rangeFrom, { forceNow: now });
  const to = dateMath.parse(range.rangeTo, { roundUp: true, forceNow: now });
  if (
    from === undefined ||
    to === undefined ||
    !from.isValid() ||
    !to.isValid() ||
    !to.isAfter(from)
  )
    return undefined;
  return { from: from.toISOString(), to: to.toISOString() };
}
