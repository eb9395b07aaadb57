import { schema } from '@kbn/config-schema';
import type { SavedObjectsType } from '@kbn/core/server';
import { targetSavedObjectType } from '../../../server/saved_objects/target_type';
import { urlClaimSavedObjectType } from '../../../server/saved_objects/url_claim_type';
import { validateSavedObjectType } from './type_registration';

const attributes = schema.object({ name: schema.string() });
const schemas = { forwardCompatibility: attributes, create: attributes };
const typeWith = (modelVersions: SavedObjectsType['modelVersions']): SavedObjectsType => ({
  name: 'demo',
  hidden: false,
  namespaceType: 'single',
  mappings: { properties: {} },
  modelVersions,
});

describe('registering a saved object type, as Kibana 9.5 does', () => {
  it("accepts the plugin's types", () => {
    expect(() => validateSavedObjectType(targetSavedObjectType)).not.toThrow();
    expect(() => validateSavedObjectType(urlClaimSavedObjectType)).not.toThrow();
  });

  it('refuses a model version without schemas, or without one of the two', () => {
    expect(() => validateSavedObjectType(typeWith({ '1': { changes: [] } }))).toThrow(
      "The model version '1' for SO type 'demo' is missing the 'schemas' definition."
    );
    expect(() =>
      validateSavedObjectType(
        typeWith({ '1': { changes: [], schemas: { forwardCompatibility: attributes } } })
      )
    ).toThrow("is missing the 'create' schema definition.");
    expect(() =>
      validateSavedObjectType(typeWith({ '1': { changes: [], schemas: { create: attributes } } }))
    ).toThrow("is missing the 'forwardCompatibility' schema definition.");
  });

  it('refuses model versions that are not 1, 2, … without gaps', () => {
    expect(() =>
      validateSavedObjectType(
        typeWith({ '1': { changes: [], schemas }, '3': { changes: [], schemas } })
      )
    ).toThrow('[2] is missing');
    expect(() => validateSavedObjectType(typeWith({ v1: { changes: [], schemas } }))).toThrow(
      'Model version must be an integer'
    );
  });
});
