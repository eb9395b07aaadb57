import { renderParams, renderTemplate } from './mustache_renderer';

describe('mustache rendering of action params', () => {
  const variables = {
    context: { service: 'orders', instance: 'orders-1', reason: 'heap "high"' },
    rule: { name: 'r' },
    date: '2026-12-01',
  };
  it('renders context, rule and date, escaping for JSON where asked', () => {
    expect(renderTemplate('{{rule.name}}: {{context.reason}} at {{date}}', variables, 'none')).toBe(
      'r: heap "high" at 2026-12-01'
    );
    expect(renderTemplate('{"text":"{{context.reason}}"}', variables, 'json')).toBe(
      '{"text":"heap \\"high\\""}'
    );
    expect(JSON.parse(renderTemplate('{"c":{{{context}}}}', variables, 'json')).c.service).toBe(
      'orders'
    );
  });
  it('renders every string of an object', () => {
    expect(
      renderParams({ documents: [{ s: '{{context.service}}', n: 3 }] }, variables, 'none')
    ).toEqual({ documents: [{ s: 'orders', n: 3 }] });
  });
});
