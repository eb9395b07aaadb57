import { buildContext } from './alert_context';

const base = {
  group: { service: 'orders', instance: 'orders-1' },
  value: 3,
  unit: 'count' as const,
  threshold: [1],
  reason: 'r',
  nowMs: Date.UTC(2026, 0, 1),
  windowMs: 60_000,
};
const links = (spaceId: string, publicBaseUrl?: string) => ({
  links: { spaceId, ruleId: 'rule-1', ...(publicBaseUrl === undefined ? {} : { publicBaseUrl }) },
});

describe('an alert context’s links', () => {
  it('open the service dashboard and the rule in the rule’s space', () => {
    const context = buildContext({ ...base, ...links('team-b') });
    expect(context.viewInAppUrl).toMatch(
      /^\/s\/team-b\/app\/goRuntime\/services\/orders\?rangeFrom=/
    );
    expect(context.ruleUrl).toBe(
      '/s/team-b/app/management/insightsAndAlerting/triggersActions/rule/rule-1'
    );
  });

  it('have no space prefix in the default space', () => {
    const context = buildContext({ ...base, ...links('default') });
    expect(context.viewInAppUrl).toMatch(/^\/app\/goRuntime\/services\/orders\?rangeFrom=/);
    expect(context.ruleUrl).toBe('/app/management/insightsAndAlerting/triggersActions/rule/rule-1');
  });

  it('are absolute under server.publicBaseUrl, its base path and the space kept', () => {
    const context = buildContext({ ...base, ...links('team-b', 'https://kb.example.com/kbn') });
    expect(context.viewInAppUrl).toMatch(
      /^https:\/\/kb\.example\.com\/kbn\/s\/team-b\/app\/goRuntime\/services\/orders\?rangeFrom=/
    );
    expect(context.ruleUrl).toBe(
      'https://kb.example.com/kbn/s/team-b/app/management/insightsAndAlerting/triggersActions/rule/rule-1'
    );
    expect(buildContext({ ...base, ...links('default', 'https://kb.example.com/') }).ruleUrl).toBe(
      'https://kb.example.com/app/management/insightsAndAlerting/triggersActions/rule/rule-1'
    );
  });

  it('open a page and range of the alert’s own when it names one (an instance, encoded)', () => {
    const context = buildContext({
      ...base,
      ...links('default'),
      view: { fromMs: Date.UTC(2026, 0, 1, 10), toMs: Date.UTC(2026, 0, 1, 11), instance: 'a/b 1' },
    });
    expect(context.viewInAppUrl).toBe(
      '/app/goRuntime/services/orders/instances/a%2Fb%201?rangeFrom=2026-01-01T10%3A00%3A00.000Z&rangeTo=2026-01-01T11%3A00%3A00.000Z'
    );
  });
});
