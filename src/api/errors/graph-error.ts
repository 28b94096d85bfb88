/**
 * The Graph error catalogue: one constructor per case, so every 4xx/5xx leaves the server with a precise
 * status, code and message. Handlers throw these; the one error handler turns them into Graph error bodies.
 */
export class GraphError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    /** Extra response headers, e.g. Retry-After. */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const errors = {
  badRequest: (message: string) => new GraphError(400, 'BadRequest', message),
  invalidRequest: (message: string) => new GraphError(400, 'invalidRequest', message),
  segmentNotFound: (segment: string) =>
    new GraphError(400, 'BadRequest', `Resource not found for the segment '${segment}'.`),
  notFound: (what: string, id: string) =>
    new GraphError(404, 'ResourceNotFound', `The ${what} with id '${id}' was not found.`),
  methodNotAllowed: (method: string, path: string) =>
    new GraphError(405, 'MethodNotAllowed', `The HTTP method '${method}' is not allowed for the resource '${path}'.`),
  unsupportedMediaType: (contentType: string | undefined) =>
    new GraphError(
      415,
      'UnsupportedMediaType',
      contentType
        ? `The content type '${contentType}' is not supported; send 'application/json'.`
        : "A request body must be sent with 'Content-Type: application/json'.",
    ),
  payloadTooLarge: (limit: number) =>
    new GraphError(413, 'RequestEntityTooLarge', `The request body is larger than the limit of ${limit} bytes.`),
  conflict: (message: string) => new GraphError(409, 'Conflict', message),
  unauthenticated: (message: string) => new GraphError(401, 'InvalidAuthenticationToken', message),
  forbidden: (message: string) => new GraphError(403, 'Authorization_RequestDenied', message),
  tooManyRequests: (retryAfterSeconds: number) =>
    new GraphError(429, 'TooManyRequests', 'Too many requests; retry after the time given in Retry-After.', {
      'Retry-After': String(retryAfterSeconds),
    }),
  internal: () =>
    new GraphError(
      500,
      'InternalServerError',
      'An internal server error occurred. The request id identifies it in the server log.',
    ),
  notImplemented: (what: string) => new GraphError(501, 'NotImplemented', `${what} is not implemented by rosterlink.`),
};

export interface GraphErrorBody {
  error: {
    code: string;
    message: string;
    innerError: { date: string; 'request-id': string; 'client-request-id': string };
  };
}

export function errorBody(err: GraphError, requestId: string, clientRequestId: string): GraphErrorBody {
  return {
    error: {
      code: err.code,
      message: err.message,
      innerError: {
        date: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
        'request-id': requestId,
        'client-request-id': clientRequestId,
      },
    },
  };
}
