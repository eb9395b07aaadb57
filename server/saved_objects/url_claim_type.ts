import type { SavedObjectsType } from '@kbn/core/server';
import { TARGET_URL_CLAIM_TYPE } from '../../common/constants';
import type { UrlClaimAttributes } from '../targets/url_claims';

/**
 * The claims that make a URL unique per space (server/targets/url_claims.ts). Hidden: they are
 * bookkeeping of the targets routes, not something to list, export or edit.
 */
export const urlClaimSavedObjectType: SavedObjectsType<UrlClaimAttributes> = {
  name: TARGET_URL_CLAIM_TYPE,
  hidden: true,
  namespaceType: 'multiple-isolated',
  mappings: {
    dynamic: false,
    properties: { target_id: { type: 'keyword' } },
  },
  modelVersions: { '1': { changes: [] } },
};
