import { BulkInsert } from '../bulk-insert.js';
import type { Kysely, Transaction } from 'kysely';
import type { DirectorySkusTable, Schema } from '../schema.js';
import { isUniqueViolation, UniqueViolationError } from './documents.js';
import { chunks } from '../../lib/chunks.js';

export type SkuRow = DirectorySkusTable;

/** Rows per statement: 3 parameters a row stays far below either dialect's limit. */
const CHUNK = 2_000;

/** Thrown inside a licence transaction when a SKU has no seat left; the transaction is rolled back. */
export class SeatsExhaustedError extends Error {
  constructor(readonly skuId: string) {
    super(`no seats left on SKU '${skuId}'`);
  }
}

/** Thrown when a batch's seat count changed under it (another writer); the batch is rolled back. */
class SeatsRaceError extends Error {}

const ASSIGNMENTS = new BulkInsert('directory_license_assignments', ['user_id', 'sku_id', 'assigned_at']);

/** Licence SKUs and their assignments. Seat counting is race-safe: check-and-increment is one conditional UPDATE. */
export class DirectoryLicenseRepository {
  constructor(
    private readonly db: Kysely<Schema>,
    /** PostgreSQL: lock the SKU rows a batch reads (`for update`); SQLite's single writer needs no lock. */
    private readonly lockSkuRows = false,
  ) {}

  listSkus(): Promise<SkuRow[]> {
    return this.db.selectFrom('directory_skus').selectAll().orderBy('sku_part_number').execute();
  }

  /** SKUs named by id (any case) or part number (any case); the table is small, so one query reads all. */
  async resolveSkus(refs: readonly string[]): Promise<Map<string, SkuRow>> {
    const all = await this.listSkus();
    const out = new Map<string, SkuRow>();
    for (const ref of refs) {
      const lower = ref.toLowerCase();
      const sku = all.find((s) => s.sku_id === lower || s.sku_part_number.toLowerCase() === lower);
      if (sku) out.set(ref, sku);
    }
    return out;
  }

  async insertSku(row: SkuRow): Promise<void> {
    try {
      await this.db.insertInto('directory_skus').values(row).execute();
    } catch (err) {
      if (isUniqueViolation(err)) throw new UniqueViolationError(`SKU '${row.sku_part_number}' already exists`);
      throw err;
    }
  }

  async setSeats(skuId: string, enabled: number): Promise<void> {
    await this.db.updateTable('directory_skus').set({ enabled_units: enabled }).where('sku_id', '=', skuId).execute();
  }

  /**
   * Adds SKUs to many users in one transaction, each item all or nothing in input order (`change` semantics): an
   * item whose SKUs lack a seat gets that SKU's id back and changes nothing; SKUs already held take no seat. Returns
   * null per item that succeeded. If another writer changes seat counts meanwhile, falls back to `change` per item.
   */
  async addMany(
    items: readonly { userId: string; skuIds: readonly string[] }[],
    now: string,
  ): Promise<(string | null)[]> {
    const skuIds = [...new Set(items.flatMap((i) => i.skuIds))];
    if (skuIds.length === 0) return items.map(() => null);
    try {
      return await this.db.transaction().execute((trx) => this.addManyIn(trx, items, skuIds, now));
    } catch (err) {
      if (!(err instanceof SeatsRaceError)) throw err;
    }
    const out: (string | null)[] = [];
    for (const item of items) {
      try {
        await this.change(item.userId, { add: item.skuIds }, now);
        out.push(null);
      } catch (err) {
        if (!(err instanceof SeatsExhaustedError)) throw err;
        out.push(err.skuId);
      }
    }
    return out;
  }

  private async addManyIn(
    trx: Transaction<Schema>,
    items: readonly { userId: string; skuIds: readonly string[] }[],
    skuIds: string[],
    now: string,
  ): Promise<(string | null)[]> {
    let skuQuery = trx
      .selectFrom('directory_skus')
      .select(['sku_id', 'enabled_units', 'consumed_units'])
      .where('sku_id', 'in', skuIds);
    if (this.lockSkuRows) skuQuery = skuQuery.forUpdate();
    const free = new Map((await skuQuery.execute()).map((s) => [s.sku_id, s.enabled_units - s.consumed_units]));
    const held = new Set<string>();
    const userIds = [...new Set(items.map((i) => i.userId))];
    for (const chunk of chunks(userIds, CHUNK)) {
      const rows = await trx
        .selectFrom('directory_license_assignments')
        .select(['user_id', 'sku_id'])
        .where('user_id', 'in', chunk)
        .execute();
      for (const r of rows) held.add(`${r.user_id}|${r.sku_id}`);
    }
    const inserts: string[] = []; // user_id, sku_id, assigned_at per row
    const taken = new Map<string, number>();
    const out = items.map((item) => {
      const need = [...new Set(item.skuIds)].filter((s) => !held.has(`${item.userId}|${s}`));
      const short = need.find((s) => (free.get(s) ?? 0) <= 0);
      if (short !== undefined) return short;
      for (const s of need) {
        free.set(s, free.get(s)! - 1);
        taken.set(s, (taken.get(s) ?? 0) + 1);
        held.add(`${item.userId}|${s}`);
        inserts.push(item.userId, s, now);
      }
      return null;
    });
    await ASSIGNMENTS.insert(trx, inserts);
    for (const [skuId, n] of taken) {
      // The same guard as `change`: never more seats than enabled, even against a concurrent writer.
      const res = await trx
        .updateTable('directory_skus')
        .set((eb) => ({ consumed_units: eb('consumed_units', '+', n) }))
        .where('sku_id', '=', skuId)
        .where((eb) => eb(eb('consumed_units', '+', n), '<=', eb.ref('enabled_units')))
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) === 0) throw new SeatsRaceError();
    }
    return out;
  }

  /**
   * Adds and removes SKUs of one user in one transaction, all or nothing (Graph's assignLicense semantics).
   * Removal runs first, so a seat given back can be taken by the same call. A SKU the user already holds is kept
   * without taking another seat; removing a SKU the user does not hold is a no-op.
   * Throws `SeatsExhaustedError` (nothing changed) when any added SKU has no seat left.
   */
  async change(
    userId: string,
    skus: { add?: readonly string[]; remove?: readonly string[] },
    now: string,
  ): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      for (const skuId of new Set(skus.remove ?? [])) {
        const res = await trx
          .deleteFrom('directory_license_assignments')
          .where('user_id', '=', userId)
          .where('sku_id', '=', skuId)
          .executeTakeFirst();
        if (Number(res.numDeletedRows) === 0) continue;
        await trx
          .updateTable('directory_skus')
          .set((eb) => ({ consumed_units: eb('consumed_units', '-', 1) }))
          .where('sku_id', '=', skuId)
          .execute();
      }
      for (const skuId of new Set(skus.add ?? [])) {
        const inserted = await trx
          .insertInto('directory_license_assignments')
          .values({ user_id: userId, sku_id: skuId, assigned_at: now })
          .onConflict((oc) => oc.columns(['user_id', 'sku_id']).doNothing())
          .returning('sku_id')
          .executeTakeFirst();
        if (!inserted) continue; // already held: keeps its seat
        // The WHERE makes check and increment one atomic step: two concurrent runs cannot both take the last seat.
        const taken = await trx
          .updateTable('directory_skus')
          .set((eb) => ({ consumed_units: eb('consumed_units', '+', 1) }))
          .where('sku_id', '=', skuId)
          .where((eb) => eb('consumed_units', '<', eb.ref('enabled_units')))
          .executeTakeFirst();
        if (Number(taken.numUpdatedRows) === 0) throw new SeatsExhaustedError(skuId);
      }
    });
  }
}
