import { schema } from '@kbn/config-schema';
import type { SavedObjectsType } from '@kbn/core/server';
import { TARGET_URL_CLAIM_TYPE } from '../../common/constants';
import type { UrlClaimAttributes } from '../targets/url_claims';

/** The claim's attributes (server/targets/url_claims.ts), checked on create and kept on read. */
const urlClaimAttributesSchema = (unknowns: 'forbid' | 'ignore') =>
  schema.object(
    {
      url: schema.string(),
      target_id: schema.string(),
      target_name: schema.string(),
      claimed_at: schema.string(),
    },
    { unknowns }
  );
const urlClaimSchemas = {
  forwardCompatibility: urlClaimAttributesSchema('ignore'),
  create: urlClaimAttributesSchema('forbid'),
};

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
  modelVersions: { '1': { changes: [], schemas: urlClaimSchemas } },
};
