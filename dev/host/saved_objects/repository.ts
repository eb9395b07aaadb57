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
} from '@kbn/core/server';
import { randomUUID } from 'node:crypto';
import { badRequest, conflict, notFound, unsupportedType } from './saved_objects_error';

const DEFAULT_SPACE = 'default';

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
    private readonly types: ReadonlyMap<string, SavedObjectsType>
  ) {}

  static mappings(types: Iterable<SavedObjectsType>) {
    const properties: Record<string, unknown> = {
      type: { type: 'keyword' },
      namespaces: { type: 'keyword' },
      created_at: { type: 'date' },
      updated_at: { type: 'date' },
      references: { type: 'object', enabled: false },
    };
    for (const type of types) properties[type.name] = { dynamic: false, properties: type.mappings.properties };
    return { dynamic: 'strict' as const, properties };
  }

  private assertType(type: string): SavedObjectsType {
    const registered = this.types.get(type);
    if (registered === undefined) throw unsupportedType(type);
    return registered;
  }

  private toSavedObject<T>(id: string, source: RawDoc, seqNo: number, primaryTerm: number): SavedObject<T> {
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

  async create<T = unknown>(type: string, attributes: T, options: SavedObjectsCreateOptions = {}): Promise<SavedObject<T>> {
    this.assertType(type);
    const id = options.id ?? randomUUID();
    const now = new Date().toISOString();
    const document: RawDoc = { type, namespaces: [DEFAULT_SPACE], created_at: now, updated_at: now, references: [], [type]: attributes };
    try {
      const response = await this.client.index({
        index: this.index,
        id: `${type}:${id}`,
        document,
        op_type: options.overwrite === true ? 'index' : 'create',
        ...(options.version === undefined ? {} : decodeVersion(options.version)),
        refresh: options.refresh ?? 'wait_for',
      });
      return this.toSavedObject(id, document, response._seq_no!, response._primary_term!);
    } catch (error) {
      if (isStatus(error, 409)) throw conflict(type, id);
      throw error;
    }
  }

  async get<T = unknown>(type: string, id: string): Promise<SavedObject<T>> {
    this.assertType(type);
    try {
      const response = await this.client.get<RawDoc>({ index: this.index, id: `${type}:${id}` });
      if (response._source === undefined || response._source.type !== type) throw notFound(type, id);
      return this.toSavedObject(id, response._source, response._seq_no!, response._primary_term!);
    } catch (error) {
      if (isStatus(error, 404)) throw notFound(type, id);
      throw error;
    }
  }

  async find<T = unknown>(options: SavedObjectsFindOptions): Promise<SavedObjectsFindResponse<T>> {
    const types = Array.isArray(options.type) ? options.type : [options.type];
    types.forEach((type) => this.assertType(type));
    const page = options.page ?? 1;
    const perPage = options.perPage ?? 20;
    if (page * perPage > 10_000) throw badRequest('Use a smaller page; at most 10000 objects can be paged.');
    const namespaces = options.namespaces ?? [DEFAULT_SPACE];
    const filter: object[] = [{ terms: { type: types } }];
    if (!namespaces.includes('*')) filter.push({ terms: { namespaces } });
    const sort =
      options.sortField === undefined
        ? undefined
        : ['updated_at', 'created_at', 'type'].includes(options.sortField)
          ? [{ [options.sortField]: { order: options.sortOrder ?? 'asc' } }]
          : types.map((type) => ({ [`${type}.${options.sortField}`]: { order: options.sortOrder ?? 'asc', unmapped_type: 'keyword' } }));
    try {
      const response = await this.client.search<RawDoc>({
        index: this.index,
        from: (page - 1) * perPage,
        size: perPage,
        seq_no_primary_term: true,
        track_total_hits: true,
        query: { bool: { filter } },
        ...(sort === undefined ? {} : { sort: sort as never }),
      });
      const total = typeof response.hits.total === 'number' ? response.hits.total : response.hits.total?.value ?? 0;
      return {
        page,
        per_page: perPage,
        total,
        saved_objects: response.hits.hits.map((hit) => ({
          ...this.toSavedObject<T>(hit._id!.slice(hit._source!.type.length + 1), hit._source!, hit._seq_no!, hit._primary_term!),
          score: hit._score ?? 0,
        })),
      };
    } catch (error) {
      if (isStatus(error, 404)) return { page, per_page: perPage, total: 0, saved_objects: [] };
      throw error;
    }
  }

  async update<T = unknown>(type: string, id: string, attributes: Partial<T>, options: SavedObjectsUpdateOptions = {}) {
    const current = await this.get<T>(type, id);
    const version = options.version ?? current.version!;
    const merged = { ...(current.attributes as object), ...(attributes as object) } as T;
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
      return this.toSavedObject<T>(id, document, response._seq_no!, response._primary_term!);
    } catch (error) {
      if (isStatus(error, 409)) throw conflict(type, id);
      throw error;
    }
  }

  async delete(type: string, id: string, options: { refresh?: boolean | 'wait_for' } = {}): Promise<{}> {
    this.assertType(type);
    try {
      await this.client.delete({ index: this.index, id: `${type}:${id}`, refresh: options.refresh ?? 'wait_for' });
      return {};
    } catch (error) {
      if (isStatus(error, 404)) throw notFound(type, id);
      throw error;
    }
  }
}
