import type { Kysely } from 'kysely';
import type { DirectorySkusTable, Schema } from '../schema.js';
import { isUniqueViolation, UniqueViolationError } from './documents.js';

export type SkuRow = DirectorySkusTable;

/** Thrown inside a licence transaction when a SKU has no seat left; the transaction is rolled back. */
export class SeatsExhaustedError extends Error {
  constructor(readonly skuId: string) {
    super(`no seats left on SKU '${skuId}'`);
  }
}

/** Licence SKUs and their assignments. Seat counting is race-safe: check-and-increment is one conditional UPDATE. */
export class DirectoryLicenseRepository {
  constructor(private readonly db: Kysely<Schema>) {}

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
