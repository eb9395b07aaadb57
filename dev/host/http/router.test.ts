import Hapi from '@hapi/hapi';
import type { Logger, RequestHandlerContext } from '@kbn/core/server';
import type { Grants } from '../features_registry';
import { KibanaRouter, type HttpSettings } from './router';
import { versionFor } from './api_version';

const reader: Grants = {
  api: new Set(['things-read']),
  capabilities: {},
  superuser: false,
  featureLevels: new Map(),
  ruleTypes: new Map(),
};

function fakeLogger(warnings: string[]): Logger {
  const logger: Logger = {
    trace: () => undefined,
    debug: () => undefined,
    info: () => undefined,
    warn: (message) => warnings.push(String(message)),
    error: () => undefined,
    fatal: () => undefined,
    get: () => logger,
  };
  return logger;
}

const read = { authz: { requiredPrivileges: ['things-read'] } };

async function serve(http?: HttpSettings, register?: (router: KibanaRouter) => void) {
  const warnings: string[] = [];
  const router = new KibanaRouter('', {
    logger: fakeLogger(warnings),
    ...(http === undefined ? {} : { http }),
    authenticate: (request) =>
      request.headers.authorization === 'nobody'
        ? 'unauthenticated'
        : { grants: reader, username: 'reader' },
    createContext: () => ({} as RequestHandlerContext),
  });
  if (register !== undefined) register(router);
  else {
    router.versioned.get({ path: '/api/things', access: 'public', security: read }).addVersion(
      {
        version: '2023-10-31',
        validate: {
          request: {
            query: (data: { size?: string }, { ok, badRequest }) =>
              data.size === undefined || /^\d+$/.test(data.size)
                ? ok(data)
                : badRequest('[size]: expected a number'),
          },
        },
      },
      async (_context, _request, response) => response.ok({ body: { version: 'public' } })
    );
    router.versioned
      .get({ path: '/internal/things', access: 'internal', security: read })
      .addVersion({ version: '1', validate: false }, async (_context, _request, response) =>
        response.ok({ body: { version: 'internal' } })
      );
    router.get(
      { path: '/internal/plain', validate: false, security: read, options: { access: 'internal' } },
      async (_context, _request, response) => response.ok({ body: { plain: true } })
    );
  }
  const server = Hapi.server();
  router.mount(server);
  await server.initialize();
  return { server, router, warnings };
}

const internalOrigin = { 'x-elastic-internal-origin': 'Kibana' };

describe('versioned routes', () => {
  it('answers the version the request names, and says it in the response header', async () => {
    const { server } = await serve();
    const response = await server.inject({
      url: '/api/things',
      headers: { 'elastic-api-version': '2023-10-31' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['elastic-api-version']).toBe('2023-10-31');
    expect(JSON.parse(response.payload)).toEqual({ version: 'public' });
  });

  it('gives a public request without the header the oldest version', async () => {
    const { server } = await serve();
    const response = await server.inject({ url: '/api/things' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['elastic-api-version']).toBe('2023-10-31');
  });

  it('resolves a public route without the header to its oldest or newest version', () => {
    const versions = ['2024-01-01', '2023-10-31'];
    expect(versionFor(undefined, 'public', versions, 'oldest')).toBe('2023-10-31');
    expect(versionFor(undefined, 'public', versions, 'newest')).toBe('2024-01-01');
    expect(versionFor(undefined, 'internal', ['2', '10'], 'newest')).toBe('1');
  });

  it('answers 400 for a version the route does not have', async () => {
    const { server } = await serve();
    const response = await server.inject({
      url: '/api/things',
      headers: { 'elastic-api-version': '2099-01-01' },
    });
    expect(response.statusCode).toBe(400);
    expect(JSON.parse(response.payload)).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message:
        'No version "2099-01-01" available for [get] [/api/things]. Available versions are: [2023-10-31]',
    });
  });

  it('answers 400 for a version of the wrong form', async () => {
    const { server } = await serve();
    const publicRoute = await server.inject({
      url: '/api/things',
      headers: { 'elastic-api-version': '1' },
    });
    expect(publicRoute.statusCode).toBe(400);
    expect(JSON.parse(publicRoute.payload).message).toBe(
      'Invalid version. Received "1", expected a valid date string formatted as YYYY-MM-DD.'
    );
    const internalRoute = await server.inject({
      url: '/internal/things',
      headers: { ...internalOrigin, 'elastic-api-version': '2023-10-31' },
    });
    expect(internalRoute.statusCode).toBe(400);
    expect(JSON.parse(internalRoute.payload).message).toBe(
      'Invalid version number. Received "2023-10-31", expected a string containing _only_ a finite, whole number greater than 0.'
    );
  });

  it('gives an internal request without the header version 1, as a production Kibana', async () => {
    const { server } = await serve();
    const response = await server.inject({ url: '/internal/things', headers: internalOrigin });
    expect(response.statusCode).toBe(200);
    expect(response.headers['elastic-api-version']).toBe('1');
  });

  it('refuses the apiVersion query parameter', async () => {
    const { server } = await serve();
    const response = await server.inject({ url: '/api/things?apiVersion=2023-10-31' });
    expect(response.statusCode).toBe(400);
    expect(JSON.parse(response.payload).message).toBe(
      'Use of query parameter "apiVersion" is not allowed. Please specify the API version using the "elastic-api-version" header.'
    );
  });

  it("runs the version's own validation, and its 400 carries the version", async () => {
    const { server } = await serve();
    const response = await server.inject({
      url: '/api/things?size=many',
      headers: { 'elastic-api-version': '2023-10-31' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers['elastic-api-version']).toBe('2023-10-31');
    expect(JSON.parse(response.payload).message).toBe('[request query]: [size]: expected a number');
  });

  it('refuses at registration what Kibana refuses', async () => {
    await serve(undefined, (router) => {
      const route = router.versioned.get({ path: '/api/x', access: 'public', security: read });
      expect(() =>
        route.addVersion({ version: '2024-01-01', validate: false }, async (_c, _r, res) =>
          res.ok()
        )
      ).toThrow('please use "2023-10-31"');
      route.addVersion({ version: '2023-10-31', validate: false }, async (_c, _r, res) => res.ok());
      expect(() =>
        route.addVersion({ version: '2023-10-31', validate: false }, async (_c, _r, res) =>
          res.ok()
        )
      ).toThrow('Version "2023-10-31" handler has already been registered');
      expect(() =>
        router.versioned
          .get({ path: '/internal/x', access: 'internal' })
          .addVersion({ version: '0', validate: false }, async (_c, _r, res) => res.ok())
      ).toThrow('Invalid version number. Received "0"');
      expect(() =>
        router.versioned
          .get({ path: '/internal/y', access: 'internal' })
          .addVersion({ version: '1', validate: false }, async (_c, _r, res) => res.ok())
      ).toThrow('must declare security.authz');
    });
  });

  it('lists versioned routes with their versions', async () => {
    const { router } = await serve();
    expect(
      router.versioned.getRoutes().map((route) => [route.method, route.path, route.handlers.length])
    ).toEqual([
      ['get', '/api/things', 1],
      ['get', '/internal/things', 1],
    ]);
  });
});

describe('server.restrictInternalApis', () => {
  const restriction = (method: string, path: string) =>
    `uri [${path}] with method [${method}] exists but is not available with the current configuration`;

  // Plain routes only, so that these run against a router without `versioned` too.
  const plainRoutes = (router: KibanaRouter) => {
    for (const [path, access] of [
      ['/internal/plain', 'internal'],
      ['/api/plain', 'public'],
    ] as const)
      router.get(
        { path, validate: false, security: read, options: { access } },
        async (_context, _request, response) => response.ok({ body: { path } })
      );
  };

  it('is on by default: an internal route without x-elastic-internal-origin answers 400', async () => {
    const { server } = await serve(undefined, plainRoutes);
    for (const url of ['/internal/plain']) {
      const response = await server.inject({ url });
      expect(response.statusCode).toBe(400);
      expect(JSON.parse(response.payload)).toEqual({
        statusCode: 400,
        error: 'Bad Request',
        message: restriction('get', url),
      });
    }
    expect((await server.inject({ url: '/api/plain' })).statusCode).toBe(200);
    expect(
      (await server.inject({ url: '/internal/plain', headers: internalOrigin })).statusCode
    ).toBe(200);
  });

  it('authenticates before it restricts', async () => {
    const { server } = await serve(undefined, plainRoutes);
    const response = await server.inject({
      url: '/internal/plain',
      headers: { authorization: 'nobody' },
    });
    expect(response.statusCode).toBe(401);
  });

  it('off, serves internal routes to any caller and logs the access', async () => {
    const { server, warnings } = await serve(
      { restrictInternalApis: false, versionResolution: 'oldest' },
      plainRoutes
    );
    const response = await server.inject({ url: '/internal/plain' });
    expect(response.statusCode).toBe(200);
    expect(warnings).toEqual(['Access to uri [/internal/plain] with method [get] is deprecated']);
  });
});
