import type { SavedObject, SavedObjectsImportWarning } from '@kbn/core/server';
import type { TargetAttributes } from '../../common/targets';
import { namesSecrets } from '../targets/target_connection';

/**
 * On export: a target whose settings name secrets leaves Kibana without them (encrypted saved
 * objects strip the encrypted attribute from every read that does not decrypt), so the copy
 * says so. Imported, it is shown as missing its secrets, and its scrapes report that instead of
 * sending empty credentials, until a user gives them again.
 */
export function markMissingSecrets(
  savedObject: SavedObject<TargetAttributes>
): SavedObject<TargetAttributes> {
  if (!namesSecrets(savedObject.attributes)) return savedObject;
  const { secrets: _never, ...attributes } = savedObject.attributes;
  return { ...savedObject, attributes: { ...attributes, missing_secrets: true } };
}

/** The import's warning, as Kibana shows it after the import: which targets need their secrets. */
export function missingSecretsWarnings(
  objects: Array<SavedObject<TargetAttributes>>
): SavedObjectsImportWarning[] {
  const names = objects
    .filter((object) => object.attributes.missing_secrets === true)
    .map((object) => object.attributes.name);
  if (names.length === 0) return [];
  const listed = names.slice(0, 10).join(', ') + (names.length > 10 ? ', …' : '');
  return [
    {
      type: 'action_required',
      message: `${names.length} Go runtime target(s) need their secrets (passwords, tokens, header values, TLS keys), which an export never carries: ${listed}. They are not scraped until you enter them again.`,
      actionPath: '/app/goRuntime/targets',
      buttonLabel: 'Go to targets',
    },
  ];
}
