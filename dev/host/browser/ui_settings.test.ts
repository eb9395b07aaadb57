import { createUiSettingsClient } from './ui_settings';

describe("the host's uiSettings client", () => {
  const client = createUiSettingsClient();

  it("answers Kibana's date format defaults", () => {
    expect(client.get('dateFormat')).toBe('MMM D, YYYY @ HH:mm:ss.SSS');
    expect(client.get<string[][]>('dateFormat:scaled')[0]).toEqual(['', 'HH:mm:ss.SSS']);
  });

  it("parses json settings, as Kibana's client does: the quick ranges", () => {
    const ranges = client.get<Array<{ from: string; display: string }>>('timepicker:quickRanges');
    expect(ranges.map((r) => r.display)).toEqual(
      expect.arrayContaining([
        'Last 15 minutes',
        'Last 30 minutes',
        'Last 1 hour',
        'Last 24 hours',
        'Last 7 days',
        'Last 30 days',
        'Last 90 days',
        'Last 1 year',
      ])
    );
  });

  it('refuses an unregistered key unless given a default, as Kibana does', () => {
    expect(() => client.get('goRuntime:nope')).toThrow(/unrecognized configuration setting/);
    expect(client.get('goRuntime:nope', 7)).toBe(7);
    expect(client.isDeclared('dateFormat')).toBe(true);
  });
});
