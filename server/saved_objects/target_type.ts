import type { SavedObjectsType } from '@kbn/core/server';
import { TARGET_SAVED_OBJECT_TYPE } from '../../common/constants';
import type { TargetAttributes } from '../../common/targets';

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
  },
  modelVersions: {
    '1': { changes: [] },
    '2': { changes: [{ type: 'mappings_addition', addedMappings: { url: { type: 'keyword' } } }] },
  },
};
