/**
 * kibana.yml's `server.publicBaseUrl`, refused as Kibana's http config refuses it
 * (src/core/packages/http/server-internal/src/http_config.ts, elastic/kibana
 * 01fd08ce2cdb2c096e404792ecafb3a406d1dcd3): an http or https URL of protocol, host, port and a
 * path equal to `server.basePath` ("/" without one). The dev host serves no base path.
 */
export function checkPublicBaseUrl(value: string, basePath?: string): string {
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new Error(`[server.publicBaseUrl]: expected URI with scheme [http|https]; got ${value}`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw new Error(`[server.publicBaseUrl]: expected URI with scheme [http|https]; got ${value}`);
  if (
    parsed.search !== '' ||
    parsed.hash !== '' ||
    parsed.username !== '' ||
    parsed.password !== ''
  )
    throw new Error('[publicBaseUrl] may only contain a protocol, host, port, and pathname');
  if (parsed.pathname !== (basePath ?? '/'))
    throw new Error(
      `[publicBaseUrl] must contain the [basePath]: ${parsed.pathname} !== ${String(basePath)}`
    );
  return value;
}
