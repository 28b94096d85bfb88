/**
 * The closed set of error codes every directory adapter speaks. The engine decides retry, skip or re-match by
 * code, never by message, so an adapter must translate its backend's failures into one of these.
 *
 * - `NotFound`: the account (or other object) named by id does not exist (deleted since it was read).
 * - `Conflict`: a unique value is taken, e.g. the userPrincipalName of a new account.
 * - `Throttled`: the backend asked us to slow down; retry after `retryAfterSeconds`.
 * - `InvalidConfig`: the request cannot succeed as configured or as given: an unknown licence SKU, a value the
 *   directory rejects (password policy, malformed UPN), a missing usageLocation before licensing. Do not retry.
 * - `Unavailable`: a transient backend or network failure; retry later.
 * - `NotImplemented`: the target does not offer this operation (see `capabilities`).
 * - `QuotaExceeded`: a finite resource ran out, e.g. no seats left on a licence SKU.
 */
export const DIRECTORY_ERROR_CODES = [
  'NotFound',
  'Conflict',
  'Throttled',
  'InvalidConfig',
  'Unavailable',
  'NotImplemented',
  'QuotaExceeded',
] as const;

export type DirectoryErrorCode = (typeof DIRECTORY_ERROR_CODES)[number];

export class DirectoryError extends Error {
  constructor(
    readonly code: DirectoryErrorCode,
    message: string,
    /** For `Throttled`: how long the backend asked us to wait. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'DirectoryError';
  }
}

/**
 * Errors of the embedded directory. Their messages follow Entra's own wording, so the /v1.0 surface can pass them
 * through unchanged and engine logs read the same against the embedded directory as against Microsoft Graph.
 */
export const directoryErrors = {
  notFound: (id: string) =>
    new DirectoryError(
      'NotFound',
      `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`,
    ),
  upnConflict: () =>
    new DirectoryError('Conflict', 'Another object with the same value for property userPrincipalName already exists.'),
  invalidProperty: (property: string) =>
    new DirectoryError('InvalidConfig', `Invalid value specified for property '${property}' of resource 'User'.`),
  passwordPolicy: () =>
    new DirectoryError(
      'InvalidConfig',
      'The specified password does not comply with password complexity requirements. Please provide a different password.',
    ),
  unknownSku: (sku: string) =>
    new DirectoryError('InvalidConfig', `License ${sku} does not correspond to a valid company License.`),
  noUsageLocation: () =>
    new DirectoryError('InvalidConfig', 'License assignment cannot be done for user with invalid usage location.'),
  seatsExhausted: (skuId: string) =>
    new DirectoryError('QuotaExceeded', `Subscription ${skuId} does not have any available licenses.`),
  notImplemented: (what: string) => new DirectoryError('NotImplemented', `${what} is not supported by this directory.`),
};
