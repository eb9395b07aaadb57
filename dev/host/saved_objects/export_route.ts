import type {
  IRouter,
  RequestHandlerContext,
  RouteValidationFunction,
  SavedObject,
  SavedObjectsType,
} from '@kbn/core/server';
import { isRight } from 'fp-ts/Either';
import * as t from 'io-ts';
import { formatValidationErrors } from '../../../common/io_ts_errors';

/**
 * Kibana's saved objects export (src/core/packages/saved-objects/server-internal/src/routes/export.ts):
 * `POST /api/saved_objects/_export` with `{type}` answers NDJSON, one object per line in the
 * request's space, then a line of export details. Only types whose `management` says
 * `importableAndExportable` are exported. Reads go through the request's saved objects client,
 * which leaves encrypted attributes out, so an export never carries a secret.
 */
const ExportBody = t.intersection([
  t.type({ type: t.union([t.string, t.array(t.string)]) }),
  t.partial({ excludeExportDetails: t.boolean, includeReferencesDeep: t.boolean }),
]);
type ExportBody = t.TypeOf<typeof ExportBody>;

const validation: RouteValidationFunction<ExportBody> = (data, { ok, badRequest }) => {
  const result = ExportBody.decode(data);
  return isRight(result) ? ok(result.right) : badRequest(formatValidationErrors(result.left));
};

/** Kibana's `savedObjects.maxImportExportSize` default. */
const MAX_EXPORT = 10_000;
const PAGE = 1_000;

export function registerSavedObjectsExportRoute(
  router: IRouter<RequestHandlerContext>,
  types: () => ReadonlyMap<string, SavedObjectsType>
): void {
  router.post(
    {
      path: '/api/saved_objects/_export',
      security: {
        authz: {
          enabled: false as const,
          reason: 'Kibana authorizes each type inside the saved objects client.',
        },
      },
      options: { access: 'public' },
      validate: { body: validation },
    },
    async (context, request, response) => {
      const body = request.body as ExportBody;
      const requested = Array.isArray(body.type) ? body.type : [body.type];
      const refused = requested.filter(
        (type) => types().get(type)?.management?.importableAndExportable !== true
      );
      if (refused.length > 0) {
        return response.badRequest({
          body: { message: `Trying to export non-exportable type(s): ${refused.join(', ')}` },
        });
      }
      const client = (await context.core).savedObjects.client;
      const objects: SavedObject[] = [];
      for (let page = 1; objects.length < MAX_EXPORT; page++) {
        const found = await client.find({ type: requested, page, perPage: PAGE });
        for (const object of found.saved_objects) {
          const { score: _score, ...exported } = object as typeof object & { score?: number };
          objects.push(exported);
        }
        if (found.saved_objects.length < PAGE) break;
      }
      // Each type's `management.onExport` transforms its own objects, as Kibana's exporter does.
      const lines: string[] = [];
      for (const type of requested) {
        const ofType = objects.filter((object) => object.type === type);
        const onExport = types().get(type)?.management?.onExport;
        const transformed = onExport === undefined ? ofType : await onExport({ request }, ofType);
        for (const object of transformed) lines.push(JSON.stringify(object));
      }
      if (body.excludeExportDetails !== true) {
        lines.push(
          JSON.stringify({
            exportedCount: lines.length,
            missingRefCount: 0,
            missingReferences: [],
            excludedObjects: [],
            excludedObjectsCount: 0,
          })
        );
      }
      return response.ok({
        body: `${lines.join('\n')}\n`,
        headers: {
          'content-type': 'application/ndjson',
          'content-disposition': 'attachment; filename="export.ndjson"',
        },
      });
    }
  );
}
