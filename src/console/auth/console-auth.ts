import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { ConsoleAuthRepository } from '../../store/repositories/console-auth.js';

/** How long a printed sign-in link works. */
export const SIGN_IN_CODE_TTL_MS = 15 * 60 * 1000;
/** How long a console session lasts; signing in again starts a new one. */
export const SESSION_TTL_MS = 8 * 60 * 60 * 1000;

export interface ConsoleSession {
  csrfToken: string;
  expiresAt: string;
}

/**
 * Sign-in and sessions of the web console. Codes and session ids are 256-bit random values that exist only in the
 * printed link and the browser's cookie; the store keeps their SHA-256 hashes, so reading the database gives no way
 * in. A code works once, for {@link SIGN_IN_CODE_TTL_MS}.
 */
export class ConsoleAuth {
  constructor(
    private readonly repo: ConsoleAuthRepository,
    private readonly now: () => number = Date.now,
  ) {}

  /** A new one-time code; only its hash is stored. */
  async createCode(): Promise<string> {
    const code = secret();
    const now = this.now();
    await this.repo.addCode(sha256(code), iso(now), iso(now + SIGN_IN_CODE_TTL_MS));
    return code;
  }

  /** Uses a code and opens a session; null when the code is unknown, used or expired. */
  async redeem(code: string): Promise<{ sessionId: string; expiresAt: Date } | null> {
    if (!isWellFormed(code)) return null;
    const now = this.now();
    if (!(await this.repo.useCode(sha256(code), iso(now)))) return null;
    const sessionId = secret();
    const expiresAt = now + SESSION_TTL_MS;
    await this.repo.addSession({
      id_hash: sha256(sessionId),
      csrf_token: secret(),
      created_at: iso(now),
      expires_at: iso(expiresAt),
    });
    return { sessionId, expiresAt: new Date(expiresAt) };
  }

  /** The live session a cookie value names, or null. */
  async session(sessionId: string | undefined): Promise<ConsoleSession | null> {
    if (!sessionId || !isWellFormed(sessionId)) return null;
    const row = await this.repo.session(sha256(sessionId), iso(this.now()));
    return row ? { csrfToken: row.csrf_token, expiresAt: row.expires_at } : null;
  }

  async signOut(sessionId: string | undefined): Promise<void> {
    if (sessionId && isWellFormed(sessionId)) await this.repo.removeSession(sha256(sessionId));
  }
}

/** Constant-time comparison of a presented anti-forgery token with the session's. */
export function csrfTokenMatches(expected: string, presented: unknown): boolean {
  if (typeof presented !== 'string') return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(presented);
  return a.length === b.length && timingSafeEqual(a, b);
}

const secret = () => randomBytes(32).toString('base64url');
const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
const iso = (ms: number) => new Date(ms).toISOString();
const isWellFormed = (value: string) => /^[A-Za-z0-9_-]{43}$/.test(value);
