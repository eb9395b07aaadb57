import { errorMessage, explained } from './http_error';

// Shaped like Kibana's browser HttpFetchError: message = status text, server text in body.
function fetchError(statusText: string, body: unknown): Error {
  return Object.assign(new Error(statusText), { name: 'Error', request: {}, response: {}, body });
}

describe('errors from Kibana http', () => {
  it("shows the server's message, not the status text", () => {
    expect(
      errorMessage(
        fetchError('Bad Request', {
          statusCode: 400,
          error: 'Bad Request',
          message: '[request body]: [url] is bad',
        })
      )
    ).toBe('[request body]: [url] is bad');
  });

  it('falls back to the status text without a JSON body, and to plain errors', () => {
    expect(errorMessage(fetchError('Bad Gateway', '<html>proxy</html>'))).toBe('Bad Gateway');
    expect(errorMessage(new Error('Unexpected target list from the server'))).toBe(
      'Unexpected target list from the server'
    );
  });

  it('explained() rethrows with the server message and keeps AbortError', async () => {
    await expect(
      explained(Promise.reject(fetchError('Not Found', { message: 'Target [x] not found' })))
    ).rejects.toThrow('Target [x] not found');
    const aborted = Object.assign(fetchError('The user aborted a request.', undefined), {
      name: 'AbortError',
    });
    await expect(explained(Promise.reject(aborted))).rejects.toMatchObject({ name: 'AbortError' });
  });
});
