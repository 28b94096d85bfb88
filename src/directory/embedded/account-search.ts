import { sql, type SqlBool } from 'kysely';
import type { UserWhere } from '../../store/repositories/directory-users.js';
import type { DirectoryAccount } from '../types.js';
import type { DirectoryService } from './directory-service.js';

export interface AccountSearch {
  /** Free text: part of the userPrincipalName, mail, display name or employee id (case-insensitive). */
  text: string;
  offset: number;
  limit: number;
}

/** A page of embedded-directory accounts matching a free-text search, ordered by userPrincipalName, with the total. */
export async function searchAccounts(
  service: DirectoryService,
  search: AccountSearch,
): Promise<{ accounts: DirectoryAccount[]; total: number }> {
  const where = textWhere(search.text.trim());
  const { accounts, total } = await service.list({
    where,
    orderBy: [{ column: 'upn', direction: 'asc' }],
    offset: search.offset,
    limit: search.limit,
    count: true,
  });
  return { accounts, total: total ?? accounts.length };
}

function textWhere(text: string): UserWhere | undefined {
  if (!text) return undefined;
  // LIKE wildcards in the text are literal; `\` escapes them on both databases.
  const pattern = `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const like = (expr: ReturnType<typeof sql>) => sql<SqlBool>`${expr} like ${pattern} escape '\\'`;
  return (eb) =>
    eb.or([
      like(sql`${sql.ref('upn_lower')}`),
      like(sql`${sql.ref('mail_lower')}`),
      like(sql`lower(${sql.ref('display_name')})`),
      like(sql`lower(coalesce(${sql.ref('employee_id')}, ''))`),
    ]);
}
