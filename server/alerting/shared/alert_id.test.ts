import { alertIdOf, parseAlertId } from './alert_id';

describe('alert ids', () => {
  it.each([
    [{ service: 'orders' }],
    [{ service: 'orders', instance: 'orders-1' }],
    [{ service: 'a,b', instance: 'c,d' }],
    [{ service: '%2C', instance: ',%,' }],
    [{ service: 'a,b', instance: 'c,d', condition: 'down' }],
    [{ service: '', instance: '' }],
    [{ service: 'orders', instance: 'host-1', source: 'apm' as const }],
    [{ service: 'orders', source: 'metricbeat' as const }],
    [{ service: '%apm', instance: '%metricbeat', source: 'golang_integration' as const }],
  ])('%p comes back from its id', (key) => {
    expect(parseAlertId(alertIdOf(key, 'condition' in key ? key.condition : undefined))).toEqual(
      key
    );
  });

  it('keeps the plain comma-joined id for names without "," or "%"', () => {
    expect(alertIdOf({ service: 'mt-svc', instance: 'mt-1' }, 'down')).toBe('mt-svc,mt-1,down');
  });

  it("keeps another source's group apart from the plugin's own group of the same names", () => {
    const own = alertIdOf({ service: 'orders', instance: 'host-1' });
    const apm = alertIdOf({ service: 'orders', instance: 'host-1', source: 'apm' });
    expect(own).toBe('orders,host-1');
    expect(apm).toBe('%apm,orders,host-1');
    // A service really named "%apm" is escaped, so it never reads as a source.
    expect(parseAlertId(alertIdOf({ service: '%apm', instance: 'x' }))).toEqual({
      service: '%apm',
      instance: 'x',
    });
  });

  it('refuses an unknown source mark', () => {
    expect(() => parseAlertId('%nope,orders')).toThrow('alert id [%nope,orders]');
  });

  it('refuses an id with more parts than a rule type makes', () => {
    expect(() => parseAlertId('a,b,c,d')).toThrow('alert id [a,b,c,d]');
  });
});
