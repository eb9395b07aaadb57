import { SavedObjectsErrorHelpers } from '@kbn/core/server';

/**
 * The repository throws what Kibana's repository throws: errors decorated by
 * SavedObjectsErrorHelpers (src/core/packages/saved-objects/server/src/saved_objects_error_helpers.ts),
 * so `isNotFoundError` / `isConflictError` recognise them by their code.
 */
export const notFound = (type: string, id: string) =>
  SavedObjectsErrorHelpers.createGenericNotFoundError(type, id);
export const conflict = (type: string, id: string) =>
  SavedObjectsErrorHelpers.createConflictError(type, id);
export const badRequest = (reason: string) =>
  SavedObjectsErrorHelpers.createBadRequestError(reason);
export const unsupportedType = (type: string) =>
  SavedObjectsErrorHelpers.createUnsupportedTypeError(type);
