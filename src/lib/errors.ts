/**
 * Errors raised by domain code (configuration, inbound, engine), independent of HTTP.
 * The API maps each kind to one Graph error (400 BadRequest, 404 ResourceNotFound, 409 Conflict);
 * the CLI prints the message and exits non-zero.
 */
export type DomainErrorKind = 'invalid' | 'notFound' | 'conflict';

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    message: string,
  ) {
    super(message);
  }
}

export const invalid = (message: string) => new DomainError('invalid', message);
export const notFound = (what: string, id: string) =>
  new DomainError('notFound', `The ${what} with id '${id}' was not found.`);
export const conflict = (message: string) => new DomainError('conflict', message);
