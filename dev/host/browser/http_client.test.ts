import { createHttpClient, HttpFetchError } from './http_client';

const sent: Request[] = [];
function respond(
  status: number,
  statusText: string,
  body: string,
  contentType = 'application/json'
) {
  globalThis.fetch = jest.fn(async (request: Request) => {
    sent.push(request);
    return new Response(body, { status, statusText, headers: { 'content-type': contentType } });
  }) as never;
}

beforeAll(() => {
  (globalThis as { window?: unknown }).window = { location: { origin: 'http://127.0.0.1:5601' } };
});

describe('the dev host browser http client behaves like Kibana fetch.ts', () => {
  it('rejects an error status with the status text as message and the JSON body as body', async () => {
    respond(
      400,
      'Bad Request',
      JSON.stringify({ statusCode: 400, error: 'Bad Request', message: '[request body]: bad' })
    );
    const http = createHttpClient('', '9.3.0');
    const failure = (await http
      .post('/api/x', { body: '{}' })
      .catch((error: unknown) => error)) as HttpFetchError;
    expect(failure).toBeInstanceOf(HttpFetchError);
    expect(failure.message).toBe('Bad Request');
    expect(failure.name).toBe('Error');
    expect(failure.body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: '[request body]: bad',
    });
    expect(failure.response?.status).toBe(400);
  });

  it('sends kbn-version and the internal origin, and refuses kbn-* headers from callers', async () => {
    respond(200, 'OK', '{"ok":true}');
    const http = createHttpClient('/base', '9.3.0');
    await expect(http.get('/api/x', { query: { a: 1 } })).resolves.toEqual({ ok: true });
    const request = sent.at(-1)!;
    expect(request.url).toBe('http://127.0.0.1:5601/base/api/x?a=1');
    expect(request.headers.get('kbn-version')).toBe('9.3.0');
    expect(request.headers.get('x-elastic-internal-origin')).toBe('Kibana');
    await expect(http.get('/api/x', { headers: { 'kbn-xsrf': 'x' } })).rejects.toThrow(
      'headers beginning with "kbn-" are not allowed'
    );
  });

  it('keeps a non-JSON error body as text', async () => {
    respond(502, 'Bad Gateway', '<html>proxy</html>', 'text/html');
    const failure = (await createHttpClient('', '9.3.0')
      .get('/x')
      .catch((error: unknown) => error)) as HttpFetchError;
    expect(failure.message).toBe('Bad Gateway');
    expect(failure.body).toBe('<html>proxy</html>');
  });
});
