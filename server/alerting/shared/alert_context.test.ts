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

describe('an alert context’s viewInAppUrl', () => {
  it('opens the service dashboard in the rule’s space', () => {
    expect(buildContext({ ...base, spaceId: 'team-b' }).viewInAppUrl).toMatch(
      /^\/s\/team-b\/app\/goRuntime\/services\/orders\?rangeFrom=/
    );
  });

  it('has no space prefix in the default space', () => {
    expect(buildContext({ ...base, spaceId: 'default' }).viewInAppUrl).toMatch(
      /^\/app\/goRuntime\/services\/orders\?rangeFrom=/
    );
  });
});
