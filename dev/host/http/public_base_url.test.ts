import { checkPublicBaseUrl } from './public_base_url';

describe('server.publicBaseUrl', () => {
  it('takes an http(s) origin, as Kibana does without a base path', () => {
    expect(checkPublicBaseUrl('https://kibana.example.com')).toBe('https://kibana.example.com');
    expect(checkPublicBaseUrl('http://127.0.0.1:5601/')).toBe('http://127.0.0.1:5601/');
  });

  it('refuses what Kibana refuses: another scheme, a query, credentials, a path without a base path', () => {
    expect(() => checkPublicBaseUrl('ftp://kibana.example.com')).toThrow('scheme [http|https]');
    expect(() => checkPublicBaseUrl('kibana.example.com')).toThrow('scheme [http|https]');
    expect(() => checkPublicBaseUrl('https://kibana.example.com/?a=1')).toThrow(
      'may only contain a protocol, host, port, and pathname'
    );
    expect(() => checkPublicBaseUrl('https://u:p@kibana.example.com')).toThrow('may only contain');
    expect(() => checkPublicBaseUrl('https://kibana.example.com/kbn')).toThrow(
      'must contain the [basePath]'
    );
  });
});
