import { matchPath } from 'react-router-dom';
import { INSTANCE_PATH, SERVICE_PATH, instancePath, servicePath } from './paths';

describe('app paths', () => {
  it('round-trip names with characters a URL reserves', () => {
    const path = instancePath('orders/eu west', 'pod#1?');
    const match = matchPath<{ serviceName: string; instanceName: string }>(path, {
      path: INSTANCE_PATH,
      exact: true,
    });
    expect(match?.params).toEqual({
      serviceName: encodeURIComponent('orders/eu west'),
      instanceName: encodeURIComponent('pod#1?'),
    });
    expect(decodeURIComponent(match!.params.serviceName)).toBe('orders/eu west');
    expect(matchPath(servicePath('a b'), { path: SERVICE_PATH, exact: true })).not.toBeNull();
  });
});
