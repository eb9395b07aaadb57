/** An error the host's own APIs (alerting, actions) answer with its status and message, as Kibana's Boom errors do. */
export class HostHttpError extends Error {
  constructor(public readonly statusCode: 400 | 403 | 404 | 409, message: string) {
    super(message);
  }
}
