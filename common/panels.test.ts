import { isRight } from 'fp-ts/Either';
import { CustomVarsRequest, PANEL_IDS, PanelRequest, panelsFor } from './panels';

const range = { from: '2026-01-01T00:00:00Z', to: '2026-01-02T00:00:00Z', service_name: 'orders' };

describe('panel request codecs', () => {
  it('decode one instance from a query string as a list, and keep decoded values', () => {
    const decoded = PanelRequest.decode({ ...range, instances: 'orders-2', by_instance: 'true' });
    expect(isRight(decoded) && decoded.right).toEqual({
      from: Date.parse(range.from),
      to: Date.parse(range.to),
      service_name: 'orders',
      instances: ['orders-2'],
      by_instance: true,
    });
  });

  it('take epoch ms and booleans from a server caller (a rule executor)', () => {
    const decoded = PanelRequest.decode({
      from: 1,
      to: 2,
      service_name: 'orders',
      by_instance: false,
    });
    expect(isRight(decoded) && decoded.right).toEqual({
      from: 1,
      to: 2,
      service_name: 'orders',
      by_instance: false,
    });
  });

  it('refuse more vars than a panel charts, naming the field', () => {
    const decoded = CustomVarsRequest.decode({
      ...range,
      vars: Array.from({ length: 11 }, (_, i) => `/v${i}`),
    });
    expect(isRight(decoded)).toBe(false);
    expect(JSON.stringify(decoded)).toContain('[vars] may list at most 10 values, got 11');
  });
});

describe('panels a service is shown', () => {
  it('leave out goroutines for a service the plugin scrapes only, and show it with the APM Go agent', () => {
    expect(panelsFor(['go_runtime'])).not.toContain('goroutines');
    expect(panelsFor(['go_runtime'])).toContain('heap');
    expect(panelsFor(['go_runtime', 'apm'])).toEqual([...PANEL_IDS]);
    expect(panelsFor(['metricbeat', 'golang_integration'])).not.toContain('goroutines');
    // Size classes and custom vars come only from the plugin's own scrapes.
    expect(panelsFor(['apm'])).toEqual([
      'heap',
      'gc_pauses',
      'gc_cycles',
      'mcache_mspan',
      'stack_other',
      'allocation_rate',
      'goroutines',
    ]);
    expect(panelsFor(['apm', 'go_runtime'])).toContain('size_classes');
  });
});
