import { encodeRuleApiKey, ruleApiKeyId, ruleApiKeyName } from './rule_api_keys';

describe('rule API keys', () => {
  it("names a key as Kibana does, trimming the rule's name and truncating at 256 characters", () => {
    expect(ruleApiKeyName('goRuntime.gcPause', '  orders pauses ')).toBe(
      'Alerting: goRuntime.gcPause/orders pauses'
    );
    const long = ruleApiKeyName('goRuntime.gcPause', 'x'.repeat(300));
    expect(long).toHaveLength(256);
    expect(long.endsWith('...')).toBe(true);
  });

  it('stores a key as base64(id:api_key), the Authorization value, and reads its id back', () => {
    const stored = encodeRuleApiKey({ id: 'abc123', api_key: 'secret:with:colons' });
    expect(Buffer.from(stored, 'base64').toString()).toBe('abc123:secret:with:colons');
    expect(ruleApiKeyId(stored)).toBe('abc123');
    expect(ruleApiKeyId(Buffer.from('no separator').toString('base64'))).toBeUndefined();
  });
});
