import { alertIdOf, parseAlertId } from './alert_id';

describe('alert ids', () => {
  it.each([
    [{ service: 'orders' }],
    [{ service: 'orders', instance: 'orders-1' }],
    [{ service: 'a,b', instance: 'c,d' }],
    [{ service: '%2C', instance: ',%,' }],
    [{ service: 'a,b', instance: 'c,d', condition: 'down' }],
    [{ service: '', instance: '' }],
  ])('%p comes back from its id', (key) => {
    expect(parseAlertId(alertIdOf(key, 'condition' in key ? key.condition : undefined))).toEqual(
      key
    );
  });

  it('keeps the plain comma-joined id for names without "," or "%"', () => {
    expect(alertIdOf({ service: 'mt-svc', instance: 'mt-1' }, 'down')).toBe('mt-svc,mt-1,down');
  });

  it('refuses an id with more parts than a rule type makes', () => {
    expect(() => parseAlertId('a,b,c,d')).toThrow('alert id [a,b,c,d]');
  });
});
