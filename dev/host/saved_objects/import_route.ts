import type {
  IRouter,
  RequestHandlerContext,
  RouteValidationFunction,
  SavedObject,
  SavedObjectsImportWarning,
  SavedObjectsType,
} from '@kbn/core/server';
import { isRight } from 'fp-ts/Either';
import * as t from 'io-ts';
import { randomUUID } from 'node:crypto';
import { extname } from 'node:path';
import type { Readable } from 'node:stream';
import { formatValidationErrors } from '../../../common/io_ts_errors';
import type { SavedObjectsRepository } from './repository';

/**
 * Kibana's saved objects import (src/core/packages/saved-objects/server-internal/src/routes/import.ts
 * and .../import-export-server-internal/src/import/import_saved_objects.ts), for the types this
 * host knows: `POST /api/saved_objects/_import` with a multipart `file` of NDJSON (an export),
 * `overwrite`, `createNewCopies` and `compatibilityMode`. Objects go into the request's space
 * through its saved objects client, so registered attributes are encrypted as on any create.
 * As in Kibana: types that are not `importableAndExportable` are `unsupported_type` errors; an
 * object whose id exists in this space is a `conflict` unless `overwrite`; a multi-namespace
 * object whose id exists in another space is created under a new id (`destinationId`);
 * `createNewCopies` gives every object a new id. Not mirrored: references and their checks,
 * `originId` and legacy URL aliases (`compatibilityMode` is accepted and changes nothing here).
 */
const BooleanString = t.union([t.literal('true'), t.literal('false')]);
const ImportQuery = t.partial({
  overwrite: BooleanString,
  createNewCopies: BooleanString,
  compatibilityMode: BooleanString,
});
type ImportQuery = t.TypeOf<typeof ImportQuery>;

const queryValidation: RouteValidationFunction<ImportQuery> = (data, { ok, badRequest }) => {
  const result = ImportQuery.decode(data);
  if (!isRight(result)) return badRequest(formatValidationErrors(result.left));
  if (result.right.overwrite === 'true' && result.right.createNewCopies === 'true')
    return badRequest('cannot use [overwrite] with [createNewCopies]');
  if (result.right.createNewCopies === 'true' && result.right.compatibilityMode === 'true')
    return badRequest('cannot use [createNewCopies] with [compatibilityMode]');
  return ok(result.right);
};

interface FileStream extends Readable {
  hapi?: { filename?: string };
}
const bodyValidation: RouteValidationFunction<{ file: FileStream }> = (
  data,
  { ok, badRequest }
) => {
  const file = (data as { file?: unknown } | undefined)?.file;
  return typeof (file as Readable | undefined)?.pipe === 'function'
    ? ok({ file: file as FileStream })
    : badRequest('[file]: expected a file (multipart/form-data)');
};

/** Kibana's `savedObjects.maxImportExportSize` and `maxImportPayloadBytes` defaults. */
const MAX_IMPORT = 10_000;
const MAX_IMPORT_BYTES = 26_214_400;

interface ImportFailure {
  id: string;
  type: string;
  meta: { title?: string; icon?: string };
  error: {
    type: 'conflict' | 'unsupported_type' | 'unknown';
    message?: string;
    statusCode?: number;
  };
}
interface ImportSuccess {
  id: string;
  type: string;
  meta: { title?: string; icon?: string };
  overwrite?: true;
  destinationId?: string;
}

export function registerSavedObjectsImportRoute(
  router: IRouter<RequestHandlerContext>,
  types: () => ReadonlyMap<string, SavedObjectsType>,
  /** The request's space-scoped repository (the route context's client is its contract only). */
  repositoryOf: (context: RequestHandlerContext) => Promise<SavedObjectsRepository>
): void {
  router.post(
    {
      path: '/api/saved_objects/_import',
      security: {
        authz: {
          enabled: false as const,
          reason: 'Kibana authorizes each type inside the saved objects client.',
        },
      },
      options: {
        access: 'public',
        body: { maxBytes: MAX_IMPORT_BYTES, output: 'stream', accepts: 'multipart/form-data' },
      },
      validate: { query: queryValidation, body: bodyValidation },
    },
    async (context, request, response) => {
      const query = request.query as ImportQuery;
      const overwrite = query.overwrite === 'true';
      const createNewCopies = query.createNewCopies === 'true';
      const { file } = request.body as { file: FileStream };
      const extension = extname(file.hapi?.filename ?? '').toLowerCase();
      if (extension !== '.ndjson') {
        file.resume();
        return response.badRequest({ body: { message: `Invalid file extension ${extension}` } });
      }
      const parsed = parseNdjson(await readAll(file));
      if (typeof parsed === 'string') return response.badRequest({ body: { message: parsed } });
      if (parsed.length > MAX_IMPORT)
        return response.badRequest({
          body: { message: `Can't import more than ${MAX_IMPORT} objects` },
        });

      const registry = types();
      const repository = await repositoryOf(context);
      const errors: ImportFailure[] = [];
      const successResults: ImportSuccess[] = [];
      const created = new Map<string, Array<SavedObject<unknown>>>();
      const metaOf = (object: SavedObject<unknown>) => {
        const management = registry.get(object.type)?.management;
        return {
          title: management?.getTitle?.(object) ?? (object.attributes as { title?: string }).title,
          ...(management?.icon === undefined ? {} : { icon: management.icon }),
        };
      };
      for (const object of parsed) {
        const type = registry.get(object.type);
        if (type?.management?.importableAndExportable !== true) {
          errors.push({
            id: object.id,
            type: object.type,
            meta: { title: (object.attributes as { title?: string })?.title },
            error: { type: 'unsupported_type' },
          });
          continue;
        }
        let destinationId: string | undefined = createNewCopies ? randomUUID() : undefined;
        let replaces = false;
        if (destinationId === undefined) {
          const spaces = await repository.spacesOf(object.type, object.id);
          if (spaces !== undefined && !spaces.includes(repository.space)) {
            // A multi-namespace object of another space: Kibana's "unresolvable conflict", which
            // it resolves by giving the import a new id rather than failing it.
            if (type.namespaceType === 'multiple' || type.namespaceType === 'multiple-isolated')
              destinationId = randomUUID();
          } else if (spaces !== undefined) {
            if (!overwrite) {
              errors.push({
                id: object.id,
                type: object.type,
                meta: metaOf(object),
                error: { type: 'conflict' },
              });
              continue;
            }
            replaces = true;
          }
        }
        try {
          const saved = await repository.create(object.type, object.attributes, {
            id: destinationId ?? object.id,
            overwrite: replaces,
            refresh: false,
          });
          created.set(object.type, [...(created.get(object.type) ?? []), saved]);
          successResults.push({
            id: object.id,
            type: object.type,
            meta: metaOf(object),
            ...(replaces ? { overwrite: true as const } : {}),
            ...(destinationId === undefined ? {} : { destinationId }),
          });
        } catch (error) {
          const status =
            (error as { output?: { statusCode?: number } }).output?.statusCode ?? undefined;
          errors.push({
            id: object.id,
            type: object.type,
            meta: metaOf(object),
            error: {
              type: 'unknown',
              message: (error as Error).message,
              ...(status === undefined ? {} : { statusCode: status }),
            },
          });
        }
      }
      await repository.refresh();
      const warnings: SavedObjectsImportWarning[] = [];
      for (const [typeName, objects] of created) {
        const hook = registry.get(typeName)?.management?.onImport;
        if (hook !== undefined) warnings.push(...((await hook(objects)).warnings ?? []));
      }
      return response.ok({
        body: {
          success: errors.length === 0,
          successCount: successResults.length,
          warnings,
          ...(successResults.length > 0 ? { successResults } : {}),
          ...(errors.length > 0 ? { errors } : {}),
        },
      });
    }
  );
}

async function readAll(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/** NDJSON lines of saved objects; the export details line is skipped, as Kibana does. */
function parseNdjson(text: string): Array<SavedObject<unknown>> | string {
  const objects: Array<SavedObject<unknown>> = [];
  const lines = text.split('\n');
  for (const [index, line] of lines.entries()) {
    if (line.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      return `Line ${index + 1} of the file is not JSON`;
    }
    if (typeof value !== 'object' || value === null) return `Line ${index + 1} is not an object`;
    if ('exportedCount' in value) continue;
    const object = value as Partial<SavedObject<unknown>>;
    if (typeof object.type !== 'string' || typeof object.id !== 'string')
      return `Line ${index + 1} has no type and id`;
    if (typeof object.attributes !== 'object' || object.attributes === null)
      return `Line ${index + 1} has no attributes`;
    objects.push({
      id: object.id,
      type: object.type,
      attributes: object.attributes,
      references: Array.isArray(object.references) ? object.references : [],
    });
  }
  return objects;
}
