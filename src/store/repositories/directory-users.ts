import { BulkInsert } from '../bulk-insert.js';
import { chunks } from '../../lib/chunks.js';
import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool, type Transaction } from 'kysely';
import type { DialectTraits } from '../database.js';
import type { DirectoryUsersTable, Schema } from '../schema.js';
import { isUniqueViolation, UniqueViolationError } from './documents.js';

type Db = Kysely<Schema> | Transaction<Schema>;
export type UserRow = DirectoryUsersTable;
export type UserUpdate = Partial<Omit<UserRow, 'id' | 'created_at'>>;
export type UserWhere = (eb: ExpressionBuilder<Schema, 'directory_users'>) => Expression<SqlBool>;

/** Columns a bulk lookup may search; the lower-case ones hold case-folded copies for case-insensitive search. */
export type LookupColumn = 'id' | 'upn_lower' | 'mail_lower' | 'anchor_lower' | 'employee_id';

/**
 * Account attributes that may be filtered and sorted on, mapped to their columns (the OData layer compiles
 * `$filter` against this map; it lower-cases both sides itself).
 */
export const USER_QUERY_COLUMNS = {
  id: 'id',
  userPrincipalName: 'upn',
  mail: 'mail',
  employeeId: 'employee_id',
  displayName: 'display_name',
  anchor: 'anchor',
} as const;

export type UserSort = {
  column: (typeof USER_QUERY_COLUMNS)[keyof typeof USER_QUERY_COLUMNS];
  direction: 'asc' | 'desc';
};

export interface UserListQuery {
  where?: UserWhere;
  orderBy?: UserSort[];
  offset: number;
  limit: number;
}

/** Every column of `directory_users`, in the order bulk inserts bind them. */
const USER_COLUMNS = [
  'id', 'upn', 'upn_lower', 'mail', 'mail_lower', 'mail_nickname', 'display_name', 'given_name', 'surname',
  'account_enabled', 'usage_location', 'age_group', 'consent_provided_for_minor', 'employee_id', 'anchor',
  'anchor_lower', 'grade', 'user_number', 'related_contacts', 'password_hash', 'force_change_password', 'created_at',
  'modified_at', 'version',
] as const satisfies readonly (keyof UserRow)[]; // prettier-ignore
const USERS = new BulkInsert('directory_users', USER_COLUMNS);
/** Fails to compile when a column is added to the table but not to USER_COLUMNS (it would be left out silently). */
const everyColumn: Exclude<keyof UserRow, (typeof USER_COLUMNS)[number]> extends never ? true : never = true;
void everyColumn;

/** Data access for `directory_users`: every multi-key read and write is chunked to the dialect's parameter limit. */
export class DirectoryUserRepository {
  /** Keys per IN list; leaves room for the statement's other parameters. */
  readonly chunkSize: number;

  constructor(
    private readonly db: Db,
    private readonly traits: DialectTraits,
    chunkSize?: number,
  ) {
    this.chunkSize = Math.max(1, Math.min(chunkSize ?? 10_000, traits.maxParameters - 10));
  }

  /** Rows whose `column` equals any of `values` (exact; pass lower-cased values for the `_lower` columns). */
  findBy(column: LookupColumn, values: readonly string[]): Promise<UserRow[]> {
    return this.pickBy(column, values, USER_COLUMNS);
  }

  /** Like `findBy`, reading only `columns`: existence and seat checks need a column or two, not the whole row. */
  async pickBy<C extends keyof UserRow>(
    column: LookupColumn,
    values: readonly string[],
    columns: readonly C[],
  ): Promise<Pick<UserRow, C>[]> {
    const unique = [...new Set(values)];
    const rows: Pick<UserRow, C>[] = [];
    for (const chunk of chunks(unique, this.chunkSize)) {
      const found = await this.db.selectFrom('directory_users').select(columns).where(column, 'in', chunk).execute();
      rows.push(...(found as unknown as Pick<UserRow, C>[]));
    }
    return rows;
  }

  /** The SKU ids assigned to each user (users without licences are absent). */
  async licensesOf(userIds: readonly string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    for (const chunk of chunks([...new Set(userIds)], this.chunkSize)) {
      const rows = await this.db
        .selectFrom('directory_license_assignments')
        .select(['user_id', 'sku_id'])
        .where('user_id', 'in', chunk)
        .orderBy('assigned_at')
        .orderBy('sku_id')
        .execute();
      for (const r of rows) out.set(r.user_id, [...(out.get(r.user_id) ?? []), r.sku_id]);
    }
    return out;
  }

  /**
   * Inserts rows in multi-row statements sized to the parameter limit, all in the caller's transaction.
   * A unique violation (UPN taken) fails the statement: callers fall back to `insertOne` to find the culprit.
   */
  async insertMany(rows: readonly UserRow[]): Promise<void> {
    const values: (string | number | null)[] = [];
    for (const row of rows) for (const column of USER_COLUMNS) values.push(row[column]);
    await USERS.insert(this.db, values);
  }

  async insertOne(row: UserRow): Promise<void> {
    try {
      await this.db.insertInto('directory_users').values(row).execute();
    } catch (err) {
      if (isUniqueViolation(err)) throw new UniqueViolationError(`userPrincipalName '${row.upn}' is taken`);
      throw err;
    }
  }

  /** Sets the given columns; false when the user does not exist. A UPN clash throws `UniqueViolationError`. */
  async update(id: string, columns: UserUpdate): Promise<boolean> {
    try {
      const res = await this.db
        .updateTable('directory_users')
        .set({ ...columns, version: sql<number>`version + 1` })
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(res.numUpdatedRows) > 0;
    } catch (err) {
      if (isUniqueViolation(err)) throw new UniqueViolationError(`userPrincipalName '${columns.upn}' is taken`);
      throw err;
    }
  }

  async list(query: UserListQuery): Promise<UserRow[]> {
    let q = this.db.selectFrom('directory_users').selectAll();
    if (query.where) q = q.where(query.where);
    for (const s of query.orderBy ?? []) q = q.orderBy(sql.ref(s.column), s.direction);
    return q.orderBy('id').offset(query.offset).limit(query.limit).execute();
  }

  async count(where?: UserWhere): Promise<number> {
    let q = this.db.selectFrom('directory_users').select((eb) => eb.fn.countAll().as('n'));
    if (where) q = q.where(where);
    const row = await q.executeTakeFirstOrThrow();
    return Number(row.n); // PostgreSQL returns count(*) as a bigint string
  }
}

/**
 * Deletes a user and gives its licence seats back, in one transaction so consumed counts never drift.
 * Returns false when the user does not exist.
 */
export async function deleteUserReleasingSeats(db: Kysely<Schema>, id: string): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const skus = await trx
      .deleteFrom('directory_license_assignments')
      .where('user_id', '=', id)
      .returning('sku_id')
      .execute();
    for (const { sku_id } of skus) {
      await trx
        .updateTable('directory_skus')
        .set((eb) => ({ consumed_units: eb('consumed_units', '-', 1) }))
        .where('sku_id', '=', sku_id)
        .execute();
    }
    const res = await trx.deleteFrom('directory_users').where('id', '=', id).executeTakeFirst();
    return Number(res.numDeletedRows) > 0;
  });
}
