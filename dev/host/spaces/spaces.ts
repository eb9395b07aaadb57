import type Hapi from '@hapi/hapi';
import type { KibanaRequest } from '@kbn/core/server';
import {
  DEFAULT_SPACE_ID,
  type SpacesPluginSetup,
  type SpacesPluginStart,
} from '@kbn/spaces-plugin/server';

/** Kibana's space id rule (lower-case letters, digits, `_` and `-`). */
const SPACE_URL = /^\/s\/([a-z0-9_-]{1,100})(\/.*)?$/;

/**
 * Spaces as the dev host has them: a `/s/<space>` prefix on any URL (API routes, the app, its
 * bundles) names the space, and the rest of the URL is routed as usual, as Kibana's spaces
 * plugin does in its onRequest interceptor. Any well-formed id is a space; Kibana would also
 * check that the space exists.
 */
export class DevSpaces {
  private readonly ofHapi = new WeakMap<object, string>();
  private readonly ofKibana = new WeakMap<KibanaRequest, string>();

  mount(server: Hapi.Server): void {
    server.ext('onRequest', (request, h) => {
      const match = SPACE_URL.exec(request.path);
      if (match !== null) {
        this.ofHapi.set(request.raw.req, match[1]!);
        request.setUrl(`${match[2] ?? '/'}${request.url.search}`);
      }
      return h.continue;
    });
  }

  /** The space of a Hapi request, after onRequest. */
  spaceOfHapi(request: Hapi.Request): string {
    return this.ofHapi.get(request.raw.req) ?? DEFAULT_SPACE_ID;
  }

  bind(kibanaRequest: KibanaRequest, spaceId: string): void {
    this.ofKibana.set(kibanaRequest, spaceId);
  }

  /** The URL prefix of a space: `` for the default space, `/s/<space>` for the others. */
  static basePath(spaceId: string): string {
    return spaceId === DEFAULT_SPACE_ID ? '' : `/s/${spaceId}`;
  }

  contracts(): { setup: SpacesPluginSetup; start: SpacesPluginStart } {
    const spacesService = {
      getSpaceId: (request: KibanaRequest) => this.ofKibana.get(request) ?? DEFAULT_SPACE_ID,
      isInDefaultSpace: (request: KibanaRequest) =>
        (this.ofKibana.get(request) ?? DEFAULT_SPACE_ID) === DEFAULT_SPACE_ID,
    };
    return { setup: { spacesService }, start: { spacesService } };
  }
}
