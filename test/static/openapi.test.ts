import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import type {
  CoreSetup,
  Logger,
  PluginInitializerContext,
  RouteValidationFunction,
  RouteValidationResultFactory,
  RouteValidator,
} from '@kbn/core/server';
import { RouteValidationError } from '@kbn/core/server';
import { BehaviorSubject } from 'rxjs';
import { plugin, config } from '../../server';
import { PUBLIC_API_VERSION } from '../../common/constants';
import { KibanaRouter, type RouteTableEntry } from '../../dev/host/http/router';

/*
 * docs/openapi.yaml against the plugin's own route table: the plugin is set up against
 * recording routers (nothing listens, nothing runs), and every public route and method must be
 * in the document, every operation of the document a public route, and every request example
 * of the document must pass the route's own validation.
 */

const ROOT = path.resolve(__dirname, '../..');
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  example?: unknown;
  $ref?: string;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { examples?: Record<string, { value: unknown }> }> };
}
type PathItem = Partial<Record<(typeof METHODS)[number], Operation>> & {
  parameters?: Parameter[];
};
interface Document {
  paths: Record<string, PathItem>;
  components: { parameters: Record<string, Parameter> };
}

const silent: Logger = {
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  fatal: () => undefined,
  get: () => silent,
};

async function registeredRoutes(): Promise<RouteTableEntry[]> {
  const pluginConfig = config.schema.validate({});
  const context: PluginInitializerContext = {
    opaqueId: Symbol('goRuntime'),
    env: { mode: { dev: true, prod: false }, packageInfo: { version: '9.5.3' }, instanceUuid: 'x' },
    logger: { get: () => silent },
    config: {
      get: () => pluginConfig as never,
      create: () => new BehaviorSubject(pluginConfig) as never,
    },
  };
  const routers: KibanaRouter[] = [];
  const core = {
    http: {
      createRouter: () => {
        const router = new KibanaRouter('', {
          logger: silent,
          authenticate: () => 'nobody is served: the router only records',
          createContext: () => {
            throw new Error('no request reaches a recording router');
          },
        });
        routers.push(router);
        return router;
      },
      basePath: { serverBasePath: '' },
    },
    savedObjects: { registerType: () => undefined },
    // Start never comes: setup registers routes and tasks without waiting for it.
    getStartServices: () => new Promise(() => undefined),
  } as unknown as CoreSetup<object, unknown>;
  const instance = await plugin(context);
  instance.setup(
    core as never,
    {
      taskManager: { registerTaskDefinitions: () => undefined },
      features: { registerKibanaFeature: () => undefined },
      encryptedSavedObjects: { registerType: () => undefined, canEncrypt: true },
    } as never
  );
  await instance.stop?.();
  return routers.flatMap((router) => router.routeTable());
}

function loadDocument(): Document {
  return parse(fs.readFileSync(path.join(ROOT, 'docs/openapi.yaml'), 'utf8')) as Document;
}

function resolve(document: Document, parameter: Parameter): Parameter {
  if (parameter.$ref === undefined) return parameter;
  const name = parameter.$ref.replace('#/components/parameters/', '');
  const found = document.components.parameters[name];
  if (found === undefined) throw new Error(`unresolved parameter ${parameter.$ref}`);
  return found;
}

const result: RouteValidationResultFactory = {
  ok: (value) => ({ value }),
  badRequest: (error: Error | string, p?: string[]) => ({
    error: new RouteValidationError(error, p),
  }),
};

function check(
  validate: RouteValidationFunction<unknown> | undefined,
  input: unknown,
  what: string
): string | undefined {
  if (validate === undefined) return undefined;
  const outcome = validate(input, result);
  return outcome.error === undefined ? undefined : `${what}: ${outcome.error.message}`;
}

describe('docs/openapi.yaml', () => {
  let routes: RouteTableEntry[];
  let document: Document;
  beforeAll(async () => {
    routes = await registeredRoutes();
    document = loadDocument();
  });

  it('describes every public route and method the plugin registers', () => {
    const publicRoutes = routes.filter((route) => route.access === 'public');
    expect(publicRoutes.length).toBeGreaterThan(0);
    const missing = publicRoutes
      .filter((route) => document.paths[route.path]?.[route.method] === undefined)
      .map((route) => `${route.method.toUpperCase()} ${route.path}`);
    expect(missing).toEqual([]);
  });

  it('describes only public routes the plugin registers, each at the public version', () => {
    const extra: string[] = [];
    for (const [routePath, item] of Object.entries(document.paths)) {
      for (const method of METHODS) {
        if (item[method] === undefined) continue;
        const route = routes.find((r) => r.path === routePath && r.method === method);
        if (route === undefined || route.access !== 'public') extra.push(`${method} ${routePath}`);
        else expect([...route.versions.keys()]).toEqual([PUBLIC_API_VERSION]);
      }
    }
    expect(extra).toEqual([]);
  });

  it("gives request examples that pass the route's own validation", () => {
    const failures: string[] = [];
    let bodies = 0;
    for (const [routePath, item] of Object.entries(document.paths)) {
      for (const method of METHODS) {
        const operation = item[method];
        if (operation === undefined) continue;
        const route = routes.find((r) => r.path === routePath && r.method === method);
        const validate = route?.versions.get(PUBLIC_API_VERSION) as
          | RouteValidator<unknown, unknown, unknown>
          | false
          | undefined;
        if (validate === undefined || validate === false) continue;
        const where = `${method.toUpperCase()} ${routePath}`;
        const parameters = [...(item.parameters ?? []), ...(operation.parameters ?? [])].map(
          (parameter) => resolve(document, parameter)
        );
        const params = Object.fromEntries(
          parameters.filter((p) => p.in === 'path').map((p) => [p.name, p.example])
        );
        // A query arrives as text; the route's codecs parse it.
        const query = Object.fromEntries(
          parameters
            .filter((p) => p.in === 'query' && p.example !== undefined)
            .map((p) => [p.name, String(p.example)])
        );
        for (const failure of [
          check(validate.params, params, `${where} params`),
          check(validate.query, query, `${where} query`),
        ])
          if (failure !== undefined) failures.push(failure);
        const examples = operation.requestBody?.content['application/json']?.examples;
        if (validate.body !== undefined && operation.requestBody === undefined)
          failures.push(`${where} takes a body the document does not describe`);
        if (operation.requestBody !== undefined && Object.keys(examples ?? {}).length === 0)
          failures.push(`${where} has no request example`);
        for (const [name, example] of Object.entries(examples ?? {})) {
          bodies++;
          const failure = check(validate.body, example.value, `${where} example ${name}`);
          if (failure !== undefined) failures.push(failure);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(bodies).toBeGreaterThan(0);
  });
});
