import type { SavedObject, SavedObjectsFindResponse } from '@kbn/core/server';
import type {
  EncryptedSavedObjectsClient,
  EncryptedSavedObjectsPluginSetup,
  EncryptedSavedObjectsPluginStart,
  ISavedObjectsPointInTimeFinder,
  SavedObjectsCreatePointInTimeFinderOptions,
} from '@kbn/encrypted-saved-objects-plugin/server';
import type { SavedObjectsRepository } from '../saved_objects/repository';
import { EncryptionError, type EncryptionService } from './encryption_service';

const FINDER_PAGE = 1000;

/**
 * The dev host's encrypted saved objects plugin: setup registers types with the service the
 * repository encrypts with; start's client reads the ciphertext and decrypts it, for the
 * server only (Kibana: x-pack/platform/plugins/shared/encrypted_saved_objects/server/saved_objects/index.ts).
 */
export function createEncryptedSavedObjectsPlugin(
  service: EncryptionService,
  rawRepository: () => SavedObjectsRepository
) {
  const decrypt = <T>(savedObject: SavedObject<T>): SavedObject<T> => {
    if (!service.isRegistered(savedObject.type)) return savedObject;
    const space = savedObject.namespaces?.[0];
    const namespace = space === undefined || space === 'default' ? undefined : space;
    return {
      ...savedObject,
      attributes: service.decryptAttributes(
        {
          type: savedObject.type,
          id: savedObject.id,
          ...(namespace === undefined ? {} : { namespace }),
        },
        savedObject.attributes as Record<string, unknown>
      ) as T,
    };
  };

  const client: EncryptedSavedObjectsClient = {
    getDecryptedAsInternalUser: async <T>(
      type: string,
      id: string,
      options?: { namespace?: string }
    ) =>
      decrypt(
        await rawRepository()
          .forSpace(options?.namespace ?? 'default')
          .get<T>(type, id)
      ),
    createPointInTimeFinderDecryptedAsInternalUser: async <T>(
      options: SavedObjectsCreatePointInTimeFinderOptions
    ): Promise<ISavedObjectsPointInTimeFinder<T>> => {
      const perPage = Math.min(options.perPage ?? FINDER_PAGE, FINDER_PAGE);
      async function* pages(): AsyncGenerator<SavedObjectsFindResponse<T>> {
        for (let page = 1; ; page++) {
          const response = await rawRepository().find<T>({ ...options, perPage, page });
          yield {
            ...response,
            saved_objects: response.saved_objects.map((savedObject) => {
              try {
                return { ...decrypt(savedObject), score: savedObject.score };
              } catch (error) {
                // As Kibana: the object comes back stripped, with the error, for the caller to decide.
                const attributes = service.stripAttributes(
                  savedObject.type,
                  savedObject.attributes as Record<string, unknown>
                ) as T;
                return {
                  ...savedObject,
                  attributes,
                  error: {
                    statusCode: 500,
                    error: 'Internal Server Error',
                    message: (error as Error).message,
                  },
                };
              }
            }),
          };
          if (response.saved_objects.length < perPage || page * perPage >= 10_000) return;
        }
      }
      return { find: pages, close: async () => undefined };
    },
  };

  const setup: EncryptedSavedObjectsPluginSetup = {
    canEncrypt: service.canEncrypt,
    registerType: (registration) => service.registerType(registration),
  };
  const start: EncryptedSavedObjectsPluginStart = {
    isEncryptionError: (error) => error instanceof EncryptionError,
    getClient: () => client,
  };
  return { setup, start };
}
