/**
 * The single error type of the OData query-option module. The HTTP layer maps it to a Graph error body:
 * `400 { "error": { "code": "BadRequest", "message": <message> } }`.
 */
export class ODataQueryError extends Error {
  /** Graph error code; query-option problems are always client errors. */
  readonly code = 'BadRequest' as const;

  constructor(message: string) {
    super(message);
    this.name = 'ODataQueryError';
  }
}

/** Prefix Graph uses for semantic (non-syntax) problems inside `$filter`. */
export const FILTER_ERROR_PREFIX = 'Invalid filter clause: ';

export function filterError(message: string): ODataQueryError {
  return new ODataQueryError(FILTER_ERROR_PREFIX + message);
}

/** `Syntax error at position N in '<expression>'.` — positions are 0-based offsets into the expression. */
export function syntaxError(position: number, text: string): ODataQueryError {
  return new ODataQueryError(`Syntax error at position ${position} in '${text}'.`);
}
