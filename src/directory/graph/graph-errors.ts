import { DirectoryError } from '../errors.js';

/** One HTTP answer from Graph: a top-level response or one `$batch` sub-response. */
export interface GraphAnswer {
  status: number;
  /** Header names lower-cased. */
  headers: Record<string, string>;
  body: unknown;
}

/** The `error` object of a Graph error body, if there is one. */
function graphErrorOf(body: unknown): { code: string; message: string } {
  const error = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  return {
    code: typeof error?.code === 'string' ? error.code : '',
    message: typeof error?.message === 'string' ? error.message : '',
  };
}

/** Seconds from a `Retry-After` header (delta-seconds or an HTTP date); undefined if absent or unreadable. */
export function retryAfterSeconds(headers: Record<string, string>, now = Date.now()): number | undefined {
  const value = headers['retry-after'];
  if (value === undefined || value.trim() === '') return undefined;
  const n = Number(value);
  if (Number.isFinite(n)) return Math.max(0, n);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, (at - now) / 1000);
}

/** Statuses after which Graph asks the client to try again (the Graph SDK's RetryHandler list). */
export function isRetryable(status: number): boolean {
  return status === 429 || status === 503 || status === 504;
}

/**
 * A Graph failure as one of the closed directory codes. Entra answers most rejections with 400, so the message
 * tells a taken UPN and an exhausted licence apart from a rejected value; those messages are Entra's own wording
 * (rosterlink's /v1.0 surface uses the same).
 */
export function toDirectoryError(answer: GraphAnswer): DirectoryError {
  const { code, message } = graphErrorOf(answer.body);
  const text = message || code || `HTTP ${answer.status}`;
  const status = answer.status;
  if (status === 404) return new DirectoryError('NotFound', text);
  if (status === 409 || /already exists/i.test(message)) return new DirectoryError('Conflict', text);
  if (/does not have any available licenses|no available licenses|insufficient licenses/i.test(message)) {
    return new DirectoryError('QuotaExceeded', text);
  }
  if (status === 429) return new DirectoryError('Throttled', text, retryAfterSeconds(answer.headers) ?? 1);
  if (status === 501) return new DirectoryError('NotImplemented', text);
  if (status >= 500 || status === 0 || status === 408) return new DirectoryError('Unavailable', text);
  // 400 (rejected value, unknown licence, no usage location), 401/403 (missing permission or consent) and the rest
  // cannot succeed by retrying as configured.
  return new DirectoryError('InvalidConfig', text);
}
