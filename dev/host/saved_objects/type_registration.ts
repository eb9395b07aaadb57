/**
 * What Kibana checks when a plugin registers a saved object type's model versions: versions
 * numbered 1, 2, … without gaps, each with both schemas (`forwardCompatibility`, applied when
 * an older Kibana reads a newer document, and `create`). Mirrors the model version checks of
 * src/core/packages/saved-objects/migration-server-internal/src/document_migrator/validate_migrations.ts
 * and the schema requirement of `SavedObjectsFullModelVersionSchemaDefinitions` in
 * src/core/packages/saved-objects/server/src/model_version/schemas.ts (elastic/kibana
 * 55cbab20ad9e7cbdf6628021812e6de0177d74da).
 */
import type { SavedObjectsType } from '@kbn/core/server';

export function validateSavedObjectType(type: SavedObjectsType): void {
  const versions = Object.entries(type.modelVersions ?? {});
  const numbers = versions.map(([key]) => Number(key));
  const bad = versions.find(([key]) => !/^[1-9]\d*$/.test(key));
  if (bad !== undefined)
    throw new Error(
      `Model version must be an integer: [${type.name}] has model version [${bad[0]}]`
    );
  [...numbers]
    .sort((a, b) => a - b)
    .forEach((version, index) => {
      if (version !== index + 1)
        throw new Error(
          `Type [${type.name}]: model versions must be consecutive integers starting at 1; [${
            index + 1
          }] is missing`
        );
    });
  for (const [version, definition] of versions) {
    const { schemas } = definition;
    if (schemas === undefined)
      throw new Error(
        `The model version '${version}' for SO type '${type.name}' is missing the 'schemas' definition.`
      );
    for (const schema of ['forwardCompatibility', 'create'] as const) {
      if (schemas[schema] === undefined)
        throw new Error(
          `The model version '${version}' for SO type '${type.name}' is missing the '${schema}' schema definition.`
        );
    }
  }
}
