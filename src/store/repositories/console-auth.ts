import type { Kysely } from 'kysely';
import type { Schema } from '../schema.js';
import type { ConsoleSessionsTable } from '../schema-console.js';

/** One-time sign-in codes and sessions of the web console, keyed by SHA-256 hashes (never the secrets). */
export class ConsoleAuthRepository {
  constructor(private readonly db: Kysely<Schema>) {}

  async addCode(codeHash: string, now: string, expiresAt: string): Promise<void> {
    await this.db.deleteFrom('console_signin_codes').where('expires_at', '<', now).execute();
    await this.db
      .insertInto('console_signin_codes')
      .values({ code_hash: codeHash, created_at: now, expires_at: expiresAt, used_at: null })
      .execute();
  }

  /** Marks a code used if it is unused and unexpired; true when this call used it (one winner under races). */
  async useCode(codeHash: string, now: string): Promise<boolean> {
    const result = await this.db
      .updateTable('console_signin_codes')
      .set({ used_at: now })
      .where('code_hash', '=', codeHash)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async addSession(row: ConsoleSessionsTable): Promise<void> {
    await this.db.deleteFrom('console_sessions').where('expires_at', '<', row.created_at).execute();
    await this.db.insertInto('console_sessions').values(row).execute();
  }

  async session(idHash: string, now: string): Promise<ConsoleSessionsTable | undefined> {
    return this.db
      .selectFrom('console_sessions')
      .selectAll()
      .where('id_hash', '=', idHash)
      .where('expires_at', '>', now)
      .executeTakeFirst();
  }

  async removeSession(idHash: string): Promise<void> {
    await this.db.deleteFrom('console_sessions').where('id_hash', '=', idHash).execute();
  }
}
