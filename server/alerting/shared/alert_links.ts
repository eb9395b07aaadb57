import { addSpaceIdToPath } from '@kbn/spaces-utils';

/**
 * Where an alert's links point. Notifications are read outside Kibana (mail, Slack), where a
 * relative link leads nowhere: with Kibana's `server.publicBaseUrl` set (core's
 * `http.basePath.publicBaseUrl`, which holds the server's base path too) links are absolute;
 * without it they stay relative to Kibana's base path, as Kibana's own rule links do.
 */
export interface AlertLinks {
  readonly publicBaseUrl?: string;
  /** The rule's space: links open the page in it. */
  readonly spaceId: string;
  readonly ruleId: string;
}

export function kibanaLink(links: AlertLinks, path: string): string {
  return addSpaceIdToPath(links.publicBaseUrl ?? '/', links.spaceId, path);
}

export const PUBLIC_BASE_URL_MISSING =
  'server.publicBaseUrl is not set: the links in Go runtime alert notifications are relative to Kibana';
