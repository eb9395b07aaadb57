import type { IUiSettingsClient } from '@kbn/core/public';

/**
 * The host's advanced settings: Kibana's defaults of the settings the plugin reads, with no
 * user values (the host has no Advanced Settings page). Keys, types and defaults as Kibana
 * registers them:
 * - dateFormat, dateFormat:tz, dateFormat:scaled: src/core/packages/ui-settings/server-internal/
 *   src/settings/date_formats.ts (elastic/kibana 8137d1cdb0b7fa60624f5ecf6ea9fc21cbdebae4);
 * - timepicker:quickRanges, timepicker:timeDefaults: src/platform/plugins/shared/data/server/
 *   ui_settings.ts (elastic/kibana 0084213f6250e43a9cbe79d895e26bbc81133399).
 * `json` settings are stored as JSON text and parsed on `get`, as Kibana's client does.
 */
interface Registered {
  readonly type?: 'json';
  readonly value: unknown;
}

const quickRange = (from: string, to: string, display: string) => ({ from, to, display });

const DEFAULTS: Readonly<Record<string, Registered>> = {
  dateFormat: { value: 'MMM D, YYYY @ HH:mm:ss.SSS' },
  'dateFormat:tz': { value: 'Browser' },
  'dateFormat:scaled': {
    type: 'json',
    value: JSON.stringify([
      ['', 'HH:mm:ss.SSS'],
      ['PT1S', 'HH:mm:ss'],
      ['PT1M', 'HH:mm'],
      ['PT1H', 'YYYY-MM-DD HH:mm'],
      ['P1DT', 'YYYY-MM-DD'],
      ['P1YT', 'YYYY'],
    ]),
  },
  'timepicker:timeDefaults': {
    type: 'json',
    value: JSON.stringify({ from: 'now-15m', to: 'now' }),
  },
  'timepicker:quickRanges': {
    type: 'json',
    value: JSON.stringify([
      quickRange('now/d', 'now/d', 'Today'),
      quickRange('now-1d/d', 'now-1d/d', 'Yesterday'),
      quickRange('now-1m', 'now', 'Last 1 minute'),
      quickRange('now-15m', 'now', 'Last 15 minutes'),
      quickRange('now-30m', 'now', 'Last 30 minutes'),
      quickRange('now-1h', 'now', 'Last 1 hour'),
      quickRange('now-3h', 'now', 'Last 3 hours'),
      quickRange('now-12h', 'now', 'Last 12 hours'),
      quickRange('now-24h/h', 'now', 'Last 24 hours'),
      quickRange('now-3d', 'now', 'Last 3 days'),
      quickRange('now-7d/d', 'now', 'Last 7 days'),
      quickRange('now-30d/d', 'now', 'Last 30 days'),
      quickRange('now-90d/d', 'now', 'Last 90 days'),
      quickRange('now-1y/d', 'now', 'Last 1 year'),
      quickRange('now/w', 'now/w', 'This week'),
      quickRange('now/w', 'now', 'This week until now'),
      quickRange('now/M', 'now/M', 'This month'),
      quickRange('now/M', 'now', 'This month until now'),
      quickRange('now/y', 'now/y', 'This year'),
      quickRange('now/y', 'now', 'This year until now'),
    ]),
  },
};

export function createUiSettingsClient(): IUiSettingsClient {
  const isDeclared = (key: string) => Object.prototype.hasOwnProperty.call(DEFAULTS, key);
  return {
    isDeclared,
    get: <T>(key: string, defaultOverride?: T): T => {
      if (!isDeclared(key)) {
        if (defaultOverride !== undefined) return defaultOverride;
        // Kibana's wording, so a plugin bug reads the same here and there.
        throw new Error(
          `Unexpected \`IUiSettingsClient.get("${key}")\` call on unrecognized configuration setting "${key}".`
        );
      }
      const setting = DEFAULTS[key]!;
      const value = defaultOverride ?? setting.value;
      return (
        setting.type === 'json' && typeof value === 'string' ? JSON.parse(value) : value
      ) as T;
    },
  };
}
