import { STATUS_CODES } from 'node:http';
import type {
  ErrorHttpResponseOptions,
  IKibanaResponse,
  KibanaResponseFactory,
} from '@kbn/core/server';

export class KibanaResponse<T = unknown> implements IKibanaResponse<T> {
  constructor(
    public readonly status: number,
    public readonly payload: T | undefined,
    public readonly options: { headers?: Record<string, string> } = {}
  ) {}
}

/** Kibana's JSON error shape: {statusCode, error, message}. */
export function errorBody(
  statusCode: number,
  message: string,
  attributes?: Record<string, unknown>
) {
  return {
    statusCode,
    error: STATUS_CODES[statusCode] ?? 'Error',
    message,
    ...(attributes === undefined ? {} : { attributes }),
  };
}

function errorResponse(statusCode: number, options: ErrorHttpResponseOptions = {}): KibanaResponse {
  const body = options.body;
  const message =
    body === undefined
      ? STATUS_CODES[statusCode] ?? 'Error'
      : typeof body === 'string'
      ? body
      : body.message;
  const attributes =
    typeof body === 'object' && body !== null && 'attributes' in body ? body.attributes : undefined;
  return new KibanaResponse(statusCode, errorBody(statusCode, message, attributes), {
    headers: options.headers,
  });
}

export const responseFactory: KibanaResponseFactory = {
  ok: (options = {}) => new KibanaResponse(200, options.body, { headers: options.headers }),
  created: (options = {}) => new KibanaResponse(201, options.body, { headers: options.headers }),
  noContent: (options = {}) => new KibanaResponse(204, undefined, { headers: options.headers }),
  badRequest: (options) => errorResponse(400, options),
  unauthorized: (options) => errorResponse(401, options),
  forbidden: (options) => errorResponse(403, options),
  notFound: (options) => errorResponse(404, options),
  conflict: (options) => errorResponse(409, options),
  customError: (options) => {
    if (options.statusCode < 400 || options.statusCode > 599)
      throw new Error(`customError needs a 4xx/5xx status, got ${options.statusCode}`);
    return errorResponse(options.statusCode, options);
  },
};
