import type { DirectoryError } from './errors.js';
import type { BatchResult } from './types.js';

/** Helpers every directory adapter's batch calls share: per-item results, key de-duplication and chunking. */

export const ok = <T>(value: T): BatchResult<T> => ({ ok: true, value });
export const fail = <T>(error: DirectoryError): BatchResult<T> => ({ ok: false, error });

/** Lower-cased distinct values, as the adapters key their candidate results. */
export function distinctLower(values: readonly string[]): string[] {
  return [...new Set(values.map((v) => v.toLowerCase()))];
}
