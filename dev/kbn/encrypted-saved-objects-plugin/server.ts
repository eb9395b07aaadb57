/**
 * The slice of `@kbn/encrypted-saved-objects-plugin/server` (Kibana 9.x) this plugin uses.
 * Shapes mirror x-pack/platform/plugins/shared/encrypted_saved_objects/server/plugin.ts
 * (setup and start contracts), .../server/crypto/encrypted_saved_object_type_definition.ts and
 * .../server/crypto/encrypted_saved_objects_service.ts (the type registration), and
 * .../server/saved_objects/index.ts (the client, whose interface Kibana declares in
 * @kbn/encrypted-saved-objects-shared). The behaviour lives in dev/host/encrypted_saved_objects.
 */
import type {
  SavedObject,
  SavedObjectsFindOptions,
  SavedObjectsFindResponse,
} from '@kbn/core/server';

/**
 * Mirrors `EncryptedSavedObjectTypeRegistration` in x-pack/platform/plugins/shared/encrypted_saved_objects/server/crypto/encrypted_saved_objects_service.ts.
 * (read at 0ecce7ed35f831569f360de5de7a23db17cd16c8). Kibana also takes `{ key, dangerouslyExposeValue }` entries in `attributesToEncrypt`; the
 * plugin passes names only, so the stand-in takes names only.
 */
export interface EncryptedSavedObjectTypeRegistration {
  readonly type: string;
  /** Top-level attributes stored as ciphertext; reads through the ordinary client leave them out. Must not be empty. */
  readonly attributesToEncrypt: ReadonlySet<string>;
  /** Attributes bound to the ciphertext as additional authenticated data: changing them without re-encrypting breaks decryption. */
  readonly attributesToIncludeInAAD?: ReadonlySet<string>;
  readonly enforceRandomId?: boolean;
}

/** Mirrors `SavedObjectsCreatePointInTimeFinderOptions` (src/core/packages/saved-objects/api-server/src/apis/create_point_in_time_finder.ts at 2752c3905f91f1355b83ab294355720cdd5454e3). */
export type SavedObjectsCreatePointInTimeFinderOptions = Omit<
  SavedObjectsFindOptions,
  'page' | 'pit' | 'searchAfter'
>;

/** Mirrors `ISavedObjectsPointInTimeFinder` (src/core/packages/saved-objects/api-server/src/apis/create_point_in_time_finder.ts). */
export interface ISavedObjectsPointInTimeFinder<T = unknown> {
  find(): AsyncGenerator<SavedObjectsFindResponse<T>>;
  close(): Promise<void>;
}

/** Mirrors `EncryptedSavedObjectsClient` as x-pack/platform/plugins/shared/encrypted_saved_objects/server/saved_objects/index.ts implements it. */
export interface EncryptedSavedObjectsClient {
  getDecryptedAsInternalUser<T = unknown>(
    type: string,
    id: string,
    options?: { namespace?: string }
  ): Promise<SavedObject<T>>;
  createPointInTimeFinderDecryptedAsInternalUser<T = unknown>(
    findOptions: SavedObjectsCreatePointInTimeFinderOptions
  ): Promise<ISavedObjectsPointInTimeFinder<T>>;
}

/** Mirrors `EncryptedSavedObjectsClientOptions` (@kbn/encrypted-saved-objects-shared). */
export interface EncryptedSavedObjectsClientOptions {
  includedHiddenTypes?: string[];
}

/** Mirrors `EncryptedSavedObjectsPluginSetup` in x-pack/platform/plugins/shared/encrypted_saved_objects/server/plugin.ts. */
export interface EncryptedSavedObjectsPluginSetup {
  /** False when xpack.encryptedSavedObjects.encryptionKey is not set: nothing can be encrypted. */
  canEncrypt: boolean;
  registerType(typeRegistration: EncryptedSavedObjectTypeRegistration): void;
}

/** Mirrors `EncryptedSavedObjectsPluginStart` in x-pack/platform/plugins/shared/encrypted_saved_objects/server/plugin.ts. */
export interface EncryptedSavedObjectsPluginStart {
  isEncryptionError(error: Error): boolean;
  getClient(options?: EncryptedSavedObjectsClientOptions): EncryptedSavedObjectsClient;
}
