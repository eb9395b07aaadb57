import type { IHttpFetchError, ResponseErrorBody } from '@kbn/core/public';

function isHttpFetchError(
  error: unknown
): error is IHttpFetchError<Partial<ResponseErrorBody> | string> {
  return error instanceof Error && 'request' in error;
}

/**
 * The text to show for a failed request. Kibana's HttpFetchError carries the response's status
 * text ("Bad Request") as its message; the server's explanation is `body.message`.
 */
export function errorMessage(error: unknown): string {
  if (isHttpFetchError(error)) {
    const { body } = error;
    if (
      typeof body === 'object' &&
      body !== null &&
      typeof body.message === 'string' &&
      body.message !== ''
    )
      return body.message;
  }
  return error instanceof Error ? error.message : String(error);
}

/** Rejects with an Error whose message is the server's explanation; aborts stay AbortErrors. */
export async function explained<T>(request: Promise<T>): Promise<T> {
  try {
    return await request;
  } catch (error) {
    if (!isHttpFetchError(error)) throw error;
    const wrapped = new Error(errorMessage(error), { cause: error });
    wrapped.name = error.name;
    throw wrapped;
  }
}

/**
 * The machine-readable `attributes` of a failed request's error body (Kibana's ResponseError),
 * found through an `explained` error's cause too; undefined when there are none.
 */
export function errorAttributes(error: unknown): unknown {
  const fetchError = isHttpFetchError(error)
    ? error
    : error instanceof Error && isHttpFetchError(error.cause)
    ? error.cause
    : undefined;
  const body = fetchError?.body;
  return typeof body === 'object' && body !== null && 'attributes' in body
    ? (body as { attributes: unknown }).attributes
    : undefined;
}
