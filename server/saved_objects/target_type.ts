import { schema } from '@kbn/config-schema';
import type { SavedObject, SavedObjectsType } from '@kbn/core/server';
import type { EncryptedSavedObjectTypeRegistration } from '@kbn/encrypted-saved-objects-plugin/server';
import { TARGET_SAVED_OBJECT_TYPE } from '../../common/constants';
import type { TargetAttributes } from '../../common/targets';
import { markMissingSecrets, missingSecretsWarnings } from './target_import_export';

/**
 * The attributes Kibana checks on create, and keeps (dropping the rest) when an older Kibana
 * reads a target written by a newer one. The values are checked where targets are written
 * (common/targets.ts's io-ts codecs); these schemas name the attributes and their kinds.
 * `secrets` is any: Kibana validates after encryption, when it is ciphertext.
 */
const targetAttributesSchema = (unknowns: 'forbid' | 'ignore', withProfiles = true) =>
  schema.object(
    {
      ...(withProfiles ? { profiles: schema.maybe(schema.any()) } : {}),
      name: schema.string(),
      service_name: schema.string(),
      url: schema.string(),
      interval: schema.string(),
      enabled: schema.boolean(),
      max_custom_vars: schema.maybe(schema.number()),
      cmdline_mode: schema.maybe(schema.string()),
      auth: schema.maybe(schema.any()),
      header_names: schema.maybe(schema.arrayOf(schema.string())),
      tls: schema.maybe(schema.any()),
      secrets: schema.maybe(schema.any()),
      missing_secrets: schema.maybe(schema.boolean()),
    },
    { unknowns }
  );
/** Versions 1 and 2, before `profiles`: an older Kibana drops it when it reads a newer target. */
const targetSchemasV1 = {
  forwardCompatibility: targetAttributesSchema('ignore', false),
  create: targetAttributesSchema('forbid', false),
};
const targetSchemas = {
  forwardCompatibility: targetAttributesSchema('ignore'),
  create: targetAttributesSchema('forbid'),
};

/**
 * Scrape targets are saved objects so that they follow spaces, export/import and Kibana's
 * optimistic concurrency. Only fields we search or sort on are indexed.
 */
export const targetSavedObjectType: SavedObjectsType<TargetAttributes> = {
  name: TARGET_SAVED_OBJECT_TYPE,
  hidden: false,
  hiddenFromHttpApis: true,
  namespaceType: 'multiple-isolated',
  mappings: {
    dynamic: false,
    properties: {
      name: { type: 'text', fields: { keyword: { type: 'keyword' } } },
      service_name: { type: 'keyword' },
      enabled: { type: 'boolean' },
      // Normalized when written (targets/target_url.ts): duplicates are found by exact match.
      url: { type: 'keyword' },
    },
  },
  management: {
    importableAndExportable: true,
    defaultSearchField: 'name',
    getTitle: (savedObject) => savedObject.attributes.name,
    // The export leaves the encrypted attribute out; say so in the object, as connectors do.
    onExport: (_context, objects) => objects.map(markMissingSecrets) as SavedObject[],
    onImport: (objects) => ({ warnings: missingSecretsWarnings(objects) }),
  },
  // Version 2 only indexed `url`: the attributes are the same in both.
  // Version 3 adds the optional `profiles` settings, unindexed.
  modelVersions: {
    '1': { changes: [], schemas: targetSchemasV1 },
    '2': {
      changes: [{ type: 'mappings_addition', addedMappings: { url: { type: 'keyword' } } }],
      schemas: targetSchemasV1,
    },
    '3': { changes: [], schemas: targetSchemas },
  },
};

/**
 * The secrets (password, token, header values, TLS key) are one encrypted attribute; the URL is
 * in the associated data, so a ciphertext moved to another target, or beside another URL, no
 * longer decrypts: a password is only ever sent where it was given for.
 */
export const targetEncryptedAttributes: EncryptedSavedObjectTypeRegistration = {
  type: TARGET_SAVED_OBJECT_TYPE,
  attributesToEncrypt: new Set(['secrets']),
  attributesToIncludeInAAD: new Set(['url']),
};
