import { DirectoryError } from '../../../directory/errors.js';
import { errors, GraphError } from '../../errors/graph-error.js';
import { ODataQueryError } from '../../odata/index.js';

/**
 * The directory part of the Graph error catalogue. Entra's /v1.0 directory endpoints speak their own codes
 * (`Request_BadRequest`, `Request_ResourceNotFound`, `Request_UnsupportedQuery`) rather than the `BadRequest` /
 * `ResourceNotFound` of the /beta industryData surface, so clients that branch on them work unchanged.
 */
export const directoryGraphErrors = {
  badRequest: (message: string) => new GraphError(400, 'Request_BadRequest', message),
  notFound: (id: string) =>
    new GraphError(
      404,
      'Request_ResourceNotFound',
      `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`,
    ),
  unsupportedQuery: (message: string) => new GraphError(400, 'Request_UnsupportedQuery', message),
  invalidProperty: (property: string) =>
    new GraphError(400, 'Request_BadRequest', `Invalid value specified for property '${property}' of resource 'User'.`),
  unknownProperty: (property: string) =>
    new GraphError(
      400,
      'Request_BadRequest',
      `Property '${property}' does not exist as a declared property or extension property.`,
    ),
  readOnlyProperty: (property: string) =>
    new GraphError(400, 'Request_BadRequest', `Property '${property}' is read-only and cannot be set.`),
  passwordRequired: () =>
    new GraphError(400, 'Request_BadRequest', 'A password must be specified to create a new user.'),
};

/** Directory and query errors as Graph errors; anything else is left for the shared error handler. */
function toDirectoryGraphError(err: unknown): unknown {
  if (err instanceof ODataQueryError) return directoryGraphErrors.badRequest(err.message);
  if (!(err instanceof DirectoryError)) return err;
  switch (err.code) {
    case 'NotFound':
      return new GraphError(404, 'Request_ResourceNotFound', err.message);
    case 'Conflict':
    case 'InvalidConfig':
    case 'QuotaExceeded':
      // Entra answers a taken UPN, a rejected value and an exhausted licence alike with 400.
      return directoryGraphErrors.badRequest(err.message);
    case 'Throttled':
      return errors.tooManyRequests(err.retryAfterSeconds ?? 1);
    case 'NotImplemented':
      return errors.notImplemented(err.message);
    case 'Unavailable':
      return new GraphError(503, 'ServiceUnavailable', err.message);
  }
}

/** Wraps a route handler so directory errors leave as the right Graph error. */
export function directoryHandler<A extends unknown[], R>(handler: (...args: A) => Promise<R>) {
  return async (...args: A): Promise<R> => {
    try {
      return await handler(...args);
    } catch (err) {
      throw toDirectoryGraphError(err);
    }
  };
}
