import type { Client } from '@elastic/elasticsearch';
import { errors } from '@elastic/elasticsearch';
import type {
  SavedObject,
  SavedObjectsClientContract,
  SavedObjectsCreateOptions,
  SavedObjectsFindOptions,
  SavedObjectsFindResponse,
  SavedObjectsType,
  SavedObjectsUpdateOptions,
  SavedObjectsBulkUpdateObject,
  SavedObjectsBulkUpdateResponse,
  SavedObjectsBulkDeleteObject,
  SavedObjectsBulkDeleteResponse,
  SavedObjectsUpdateResponse,
} from '@kbn/core/server';
import { SavedObjectsErrorHelpers } from '@kbn/core/server';
import { randomUUID } from 'node:crypto';
import { badRequest, conflict, notFound, unsupportedType } from './saved_objects_error';
import type { EncryptionService } from '../encrypted_saved_objects/encryption_service';

const DEFAULT_SPACE = 'default';
/** Kibana's DEFAULT_RETRY_COUNT, which its update imports from the repository's constants. */
const UPDATE_RETRIES = 3;

interface RawDoc {
  type: string;
  namespaces: string[];
  created_at: string;
  updated_at: string;
  references: SavedObject['references'];
  [typeAttributes: string]: unknown;
}

/** Kibana's version string: base64 of JSON [seq_no, primary_term]. */
export function encodeVersion(seqNo: number, primaryTerm: number): string {
  return Buffer.from(JSON.stringify([seqNo, primaryTerm]), 'utf8').toString('base64');
}
export function decodeVersion(version: string): { if_seq_no: number; if_primary_term: number } {
  const parsed: unknown = JSON.parse(Buffer.from(version, 'base64').toString('utf8'));
  if (!Array.isArray(parsed) || parsed.length !== 2 || !parsed.every(Number.isInteger)) {
    throw badRequest(`Invalid version [${version}]`);
  }
  return { if_seq_no: parsed[0] as number, if_primary_term: parsed[1] as number };
}

function isStatus(error: unknown, status: number): boolean {
  return error instanceof errors.ResponseError && error.meta.statusCode === status;
}

/**
 * Saved objects in one Elasticsearch index, stored the way Kibana stores them (`<type>:<id>`,
 * attributes under the type's name) with optimistic concurrency: a stale version is a 409.
 */
export class SavedObjectsRepository implements SavedObjectsClientContract {
  constructor(
    private readonly client: Client,
    private readonly index: string,
    private readonly types: ReadonlyMap<string, SavedObjectsType>,
    /**
     * Kibana's encryption extension: registered attributes are encrypted on every write and,
     * with `strip`, left out of what reads return (the ordinary clients); without it, reads
     * return the ciphertext (what the encrypted saved objects client decrypts).
     */
    private readonly encryption?: { readonly service: EncryptionService; readonly strip: boolean },
    /** The space this client works in: objects of other spaces are not found (Kibana's spaces extension). */
    private readonly namespace: string = DEFAULT_SPACE
  ) {}

  /** The same index, types and encryption, without stripping: for the encrypted saved objects client. */
  withoutStripping(): SavedObjectsRepository {
    return new SavedObjectsRepository(
      this.client,
      this.index,
      this.types,
      this.encryption === undefined
        ? undefined
        : { service: this.encryption.service, strip: false },
      this.namespace
    );
  }

  /** The space this client works in. */
  public get space(): string {
    return this.namespace;
  }

  /** Makes every write so far visible to searches (after writes with `refresh: false`). */
  async refresh(): Promise<void> {
    await this.client.indices.refresh({ index: this.index });
  }

  /** The same client in another space. */
  forSpace(namespace: string): SavedObjectsRepository {
    return namespace === this.namespace
      ? this
      : new SavedObjectsRepository(this.client, this.index, this.types, this.encryption, namespace);
  }

  private seal(
    type: string,
    id: string,
    namespaces: string[],
    attributes: unknown,
    aadSource: unknown = attributes
  ): unknown {
    if (this.encryption === undefined) return attributes;
    const namespace = namespaces[0] === DEFAULT_SPACE ? undefined : namespaces[0];
    return this.encryption.service.encryptAttributes(
      { type, id, ...(namespace === undefined ? {} : { namespace }) },
      attributes as Record<string, unknown>,
      aadSource as Record<string, unknown>
    );
  }

  private view<T>(savedObject: SavedObject<T>): SavedObject<T> {
    if (this.encryption === undefined || !this.encryption.strip) return savedObject;
    return {
      ...savedObject,
      attributes: this.encryption.service.stripAttributes(
        savedObject.type,
        savedObject.attributes as Record<string, unknown>
      ) as T,
    };
  }

  static mappings(types: Iterable<SavedObjectsType>) {
    const properties: Record<string, unknown> = {
      type: { type: 'keyword' },
      namespaces: { type: 'keyword' },
      created_at: { type: 'date' },
      updated_at: { type: 'date' },
      references: { type: 'object', enabled: false },
    };
    for (const type of types)
      properties[type.name] = { dynamic: false, properties: type.mappings.properties };
    return { dynamic: 'strict' as const, properties };
  }

  private assertType(type: string): SavedObjectsType {
    const registered = this.types.get(type);
    if (registered === undefined) throw unsupportedType(type);
    return registered;
  }

  private toSavedObject<T>(
    id: string,
    source: RawDoc,
    seqNo: number,
    primaryTerm: number
  ): SavedObject<T> {
    return {
      id,
      type: source.type,
      version: encodeVersion(seqNo, primaryTerm),
      created_at: source.created_at,
      updated_at: source.updated_at,
      namespaces: source.namespaces,
      references: source.references,
      attributes: source[source.type] as T,
    };
  }

  async create<T = unknown>(
    type: string,
    attributes: T,
    options: SavedObjectsCreateOptions = {}
  ): Promise<SavedObject<T>> {
    this.assertType(type);
    const id = options.id ?? randomUUID();
    const now = new Date().toISOString();
    const document: RawDoc = {
      type,
      namespaces: [this.namespace],
      created_at: now,
      updated_at: now,
      references: [],
      [type]: this.seal(type, id, [this.namespace], attributes),
    };
    try {
      const response = await this.client.index({
        index: this.index,
        id: `${type}:${id}`,
        document,
        op_type: options.overwrite === true ? 'index' : 'create',
        ...(options.version === undefined ? {} : decodeVersion(options.version)),
        refresh: options.refresh ?? 'wait_for',
      });
      return this.view(
        this.toSavedObject<T>(id, document, response._seq_no!, response._primary_term!)
      );
    } catch (error) {
      if (isStatus(error, 409)) throw conflict(type, id);
      throw error;
    }
  }

  async get<T = unknown>(type: string, id: string): Promise<SavedObject<T>> {
    return this.view(await this.getRaw<T>(type, id));
  }

  private async getRaw<T = unknown>(type: string, id: string): Promise<SavedObject<T>> {
    this.assertType(type);
    try {
      const response = await this.client.get<RawDoc>({ index: this.index, id: `${type}:${id}` });
      if (response._source === undefined || response._source.type !== type)
        throw notFound(type, id);
      // An object of another space is "not found", never "forbidden": its existence stays private.
      if (!(response._source.namespaces ?? [DEFAULT_SPACE]).includes(this.namespace))
        throw notFound(type, id);
      return this.toSavedObject(id, response._source, response._seq_no!, response._primary_term!);
    } catch (error) {
      if (isStatus(error, 404)) throw notFound(type, id);
      throw error;
    }
  }

  /**
   * The spaces an object of this id lives in, whichever space this client is in (undefined: no
   * such object): what Kibana's checkConflicts learns, for the importer only.
   */
  async spacesOf(type: string, id: string): Promise<string[] | undefined> {
    this.assertType(type);
    try {
      const response = await this.client.get<RawDoc>({ index: this.index, id: `${type}:${id}` });
      if (response._source === undefined || response._source.type !== type) return undefined;
      return response._source.namespaces ?? [DEFAULT_SPACE];
    } catch (error) {
      if (isStatus(error, 404)) return undefined;
      throw error;
    }
  }

  async find<T = unknown>(options: SavedObjectsFindOptions): Promise<SavedObjectsFindResponse<T>> {
    const types = Array.isArray(options.type) ? options.type : [options.type];
    types.forEach((type) => this.assertType(type));
    const page = options.page ?? 1;
    const perPage = options.perPage ?? 20;
    if (page * perPage > 10_000)
      throw badRequest('Use a smaller page; at most 10000 objects can be paged.');
    const namespaces = options.namespaces ?? [this.namespace];
    const filter: object[] = [{ terms: { type: types } }];
    if (!namespaces.includes('*')) filter.push({ terms: { namespaces } });
    // Kibana's `search`: a simple_query_string over the search fields of each type (a trailing
    // `*` is a prefix, a quoted phrase on a keyword field an exact match).
    const must: object[] =
      options.search === undefined || options.search === ''
        ? []
        : [
            {
              simple_query_string: {
                query: options.search,
                fields: types.flatMap((type) =>
                  (options.searchFields ?? ['*']).map((field) => `${type}.${field}`)
                ),
                default_operator: 'or',
              },
            },
          ];
    const sort =
      options.sortField === undefined
        ? undefined
        : ['updated_at', 'created_at', 'type'].includes(options.sortField)
        ? [{ [options.sortField]: { order: options.sortOrder ?? 'asc' } }]
        : types.map((type) => ({
            [`${type}.${options.sortField}`]: {
              order: options.sortOrder ?? 'asc',
              unmapped_type: 'keyword',
            },
          }));
    try {
      const response = await this.client.search<RawDoc>({
        index: this.index,
        from: (page - 1) * perPage,
        size: perPage,
        seq_no_primary_term: true,
        track_total_hits: true,
        query: { bool: { filter, must } },
        ...(sort === undefined ? {} : { sort: sort as never }),
      });
      const total =
        typeof response.hits.total === 'number'
          ? response.hits.total
          : response.hits.total?.value ?? 0;
      return {
        page,
        per_page: perPage,
        total,
        saved_objects: response.hits.hits.map((hit) => ({
          ...this.view(
            this.toSavedObject<T>(
              hit._id!.slice(hit._source!.type.length + 1),
              hit._source!,
              hit._seq_no!,
              hit._primary_term!
            )
          ),
          score: hit._score ?? 0,
        })),
      };
    } catch (error) {
      if (isStatus(error, 404)) return { page, per_page: perPage, total: 0, saved_objects: [] };
      throw error;
    }
  }

  /**
   * As Kibana's performUpdate (core/packages/saved-objects/api-server-internal/src/lib/apis/
   * update.ts): the write is conditional on the version read, and without a caller's version a
   * write that lost to another writer reads and merges again, up to 1 + DEFAULT_RETRY_COUNT (3)
   * attempts; with one, a conflict is the caller's to handle.
   */
  async update<T = unknown>(
    type: string,
    id: string,
    attributes: Partial<T>,
    options: SavedObjectsUpdateOptions = {}
  ) {
    const attempts = options.version === undefined ? 1 + UPDATE_RETRIES : 1;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.updateOnce<T>(type, id, attributes, options);
      } catch (error) {
        if (!SavedObjectsErrorHelpers.isConflictError(error as Error) || attempt >= attempts)
          throw error;
      }
    }
  }

  private async updateOnce<T>(
    type: string,
    id: string,
    attributes: Partial<T>,
    options: SavedObjectsUpdateOptions
  ) {
    const current = await this.getRaw<T>(type, id);
    const version = options.version ?? current.version!;
    const plainMerged = (
      options.mergeAttributes === false
        ? attributes
        : { ...(current.attributes as object), ...(attributes as object) }
    ) as T;
    // Only what this update brings is encrypted; an encrypted attribute it leaves alone keeps
    // its ciphertext (which stays valid while the AAD attributes do not change).
    const merged = (
      options.mergeAttributes === false
        ? this.seal(type, id, current.namespaces ?? [DEFAULT_SPACE], attributes)
        : {
            ...(current.attributes as object),
            ...(this.seal(
              type,
              id,
              current.namespaces ?? [DEFAULT_SPACE],
              attributes,
              plainMerged
            ) as object),
          }
    ) as T;
    const document: RawDoc = {
      type,
      namespaces: current.namespaces ?? [DEFAULT_SPACE],
      created_at: current.created_at ?? new Date().toISOString(),
      updated_at: new Date().toISOString(),
      references: current.references,
      [type]: merged,
    };
    try {
      const response = await this.client.index({
        index: this.index,
        id: `${type}:${id}`,
        document,
        ...decodeVersion(version),
        refresh: options.refresh ?? 'wait_for',
      });
      return this.view(
        this.toSavedObject<T>(id, document, response._seq_no!, response._primary_term!)
      );
    } catch (error) {
      if (isStatus(error, 409)) throw conflict(type, id);
      throw error;
    }
  }

  /** One object at a time, refreshed once at the end: each object's outcome is its own. */
  async bulkUpdate<T = unknown>(
    objects: Array<SavedObjectsBulkUpdateObject<T>>,
    options: { refresh?: boolean | 'wait_for' } = {}
  ): Promise<SavedObjectsBulkUpdateResponse<T>> {
    const savedObjects = await Promise.all(
      objects.map(async (object): Promise<SavedObjectsUpdateResponse<T>> => {
        try {
          return await this.update<T>(object.type, object.id, object.attributes, {
            refresh: false,
            ...(object.version === undefined ? {} : { version: object.version }),
            ...(object.mergeAttributes === undefined
              ? {}
              : { mergeAttributes: object.mergeAttributes }),
          });
        } catch (error) {
          return {
            id: object.id,
            type: object.type,
            references: [],
            attributes: {},
            error: errorBody(error),
          };
        }
      })
    );
    if (options.refresh !== false) await this.client.indices.refresh({ index: this.index });
    return { saved_objects: savedObjects };
  }

  async bulkDelete(
    objects: SavedObjectsBulkDeleteObject[],
    options: { refresh?: boolean | 'wait_for'; force?: boolean } = {}
  ): Promise<SavedObjectsBulkDeleteResponse> {
    objects.forEach((object) => this.assertType(object.type));
    // Only objects of this space are deleted; the others are not found.
    const inSpace = await Promise.all(
      objects.map((object) =>
        this.getRaw(object.type, object.id).then(
          () => true,
          () => false
        )
      )
    );
    const found = objects.filter((_object, position) => inSpace[position]);
    const missing = objects
      .filter((_object, position) => !inSpace[position])
      .map(({ id, type }) => ({ id, type, success: false, error: errorBody(notFound(type, id)) }));
    if (found.length === 0) return { statuses: missing };
    const response = await this.client.bulk({
      operations: found.map((object) => ({
        delete: { _index: this.index, _id: `${object.type}:${object.id}` },
      })),
      refresh: options.refresh ?? 'wait_for',
    });
    return {
      statuses: [
        ...response.items.map((item, position) => {
          const { id, type } = found[position]!;
          const status = item.delete?.status ?? 500;
          if (status < 300) return { id, type, success: true };
          return {
            id,
            type,
            success: false,
            error: errorBody(
              status === 404
                ? notFound(type, id)
                : new Error(item.delete?.error?.reason ?? 'delete failed')
            ),
          };
        }),
        ...missing,
      ],
    };
  }

  async delete(
    type: string,
    id: string,
    options: { refresh?: boolean | 'wait_for' } = {}
  ): Promise<{}> {
    this.assertType(type);
    await this.getRaw(type, id);
    try {
      await this.client.delete({
        index: this.index,
        id: `${type}:${id}`,
        refresh: options.refresh ?? 'wait_for',
      });
      return {};
    } catch (error) {
      if (isStatus(error, 404)) throw notFound(type, id);
      throw error;
    }
  }
}

/** Kibana's per-object error of a bulk operation: the Boom payload. */
function errorBody(error: unknown): { statusCode: number; error: string; message: string } {
  const payload = (
    error as { output?: { payload?: { statusCode: number; error: string; message: string } } }
  )?.output?.payload;
  return (
    payload ?? {
      statusCode: 500,
      error: 'Internal Server Error',
      message: String((error as Error)?.message ?? error),
    }
  );
}
