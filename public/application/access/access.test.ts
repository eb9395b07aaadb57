import type { HttpStart } from '@kbn/core/public';
import { accessOf, isForbidden, reportingForbidden } from './access';

const capabilities = (goRuntime?: Record<string, boolean>) => ({
  navLinks: {},
  management: {},
  catalogue: {},
  ...(goRuntime === undefined ? {} : { goRuntime }),
});

/** What core's fetch rejects with on an HTTP error status: the response rides along. */
function httpError(
  status: number,
  message = 'API [GET /internal/go_runtime/panels/heap] is unauthorized for user'
): Error {
  return Object.assign(new Error('Forbidden'), {
    request: {},
    response: { status },
    body: { message },
  });
}

describe('accessOf', () => {
  it('reads the goRuntime capabilities the feature privileges grant', () => {
    expect(accessOf(capabilities({ show: true, save: true }))).toBe('all');
    expect(accessOf(capabilities({ show: true, save: false }))).toBe('read');
    expect(accessOf(capabilities({ show: false, save: false }))).toBe('none');
    expect(accessOf(capabilities())).toBe('none');
  });
});

describe('isForbidden', () => {
  it('is true for a 403, also when an API wrapper rethrew it as the cause', () => {
    expect(isForbidden(httpError(403))).toBe(true);
    expect(isForbidden(new Error('explained', { cause: httpError(403) }))).toBe(true);
    expect(isForbidden(httpError(404))).toBe(false);
    // The user has the feature; Elasticsearch refused the index: the panel says which privilege.
    expect(
      isForbidden(
        httpError(403, 'Elasticsearch refused the search for your user: action [indices:data/read]')
      )
    ).toBe(false);
    expect(isForbidden(new Error('network'))).toBe(false);
    expect(isForbidden(undefined)).toBe(false);
  });
});

describe('reportingForbidden', () => {
  it('reports a 403 and still rejects; other answers pass through unreported', async () => {
    const onForbidden = jest.fn();
    const http = {
      basePath: { get: () => '', prepend: (p: string) => p },
      get: jest.fn(async (path: string) => {
        if (path === '/denied') throw httpError(403);
        if (path === '/missing') throw httpError(404);
        return { ok: true };
      }),
    } as unknown as HttpStart;
    const guarded = reportingForbidden(http, onForbidden);
    await expect(guarded.get('/fine')).resolves.toEqual({ ok: true });
    await expect(guarded.get('/missing')).rejects.toThrow('Forbidden');
    expect(onForbidden).not.toHaveBeenCalled();
    await expect(guarded.get('/denied')).rejects.toThrow('Forbidden');
    expect(onForbidden).toHaveBeenCalledTimes(1);
    expect(guarded.basePath.prepend('/x')).toBe('/x');
  });
});
