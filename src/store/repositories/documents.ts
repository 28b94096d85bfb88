import type { Kysely, Transaction } from 'kysely';
import type { Schema } from '../schema.js';

/** A configuration entity as stored: its Graph type, its JSON data and its bookkeeping columns. */
export interface StoredDocument<T = Record<string, unknown>> {
  collection: string;
  id: string;
  parentId: string | null;
  type: string;
  data: T;
  createdAt: string;
  modifiedAt: string;
}

export class UniqueViolationError extends Error {}

/** True for a unique/primary-key violation on either database. */
export function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === '23505' || (typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT'));
}

type Db = Kysely<Schema> | Transaction<Schema>;

/**
 * One repository for every small configuration collection (flow sets, flows, reference data, source systems...).
 * They share one table so that no entity set gets its own near-copy of the same CRUD code.
 */
export class DocumentRepository {
  constructor(private readonly db: Db) {}

  async list<T>(collection: string, parentId: string | null = null): Promise<StoredDocument<T>[]> {
    let q = this.db.selectFrom('documents').selectAll().where('collection', '=', collection);
    if (parentId !== null) q = q.where('parent_id', '=', parentId);
    const rows = await q.orderBy('created_at').orderBy('id').execute();
    return rows.map((r) => toDocument<T>(r));
  }

  async get<T>(collection: string, id: string, parentId: string | null = null): Promise<StoredDocument<T> | undefined> {
    let q = this.db.selectFrom('documents').selectAll().where('collection', '=', collection).where('id', '=', id);
    if (parentId !== null) q = q.where('parent_id', '=', parentId);
    const row = await q.executeTakeFirst();
    return row ? toDocument<T>(row) : undefined;
  }

  async insert<T>(doc: StoredDocument<T>): Promise<void> {
    try {
      await this.db
        .insertInto('documents')
        .values({
          collection: doc.collection,
          id: doc.id,
          parent_id: doc.parentId,
          type: doc.type,
          data: JSON.stringify(doc.data),
          created_at: doc.createdAt,
          modified_at: doc.modifiedAt,
        })
        .execute();
    } catch (err) {
      if (isUniqueViolation(err)) throw new UniqueViolationError(`${doc.collection} '${doc.id}' already exists`);
      throw err;
    }
  }

  /** Replaces the data of a document; returns false when it does not exist. */
  async replace<T>(collection: string, id: string, data: T, modifiedAt: string): Promise<boolean> {
    const res = await this.db
      .updateTable('documents')
      .set({ data: JSON.stringify(data), modified_at: modifiedAt })
      .where('collection', '=', collection)
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) > 0;
  }

  async delete(collection: string, id: string): Promise<boolean> {
    const res = await this.db
      .deleteFrom('documents')
      .where('collection', '=', collection)
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(res.numDeletedRows) > 0;
  }

  async deleteChildren(collection: string, parentId: string): Promise<number> {
    const res = await this.db
      .deleteFrom('documents')
      .where('collection', '=', collection)
      .where('parent_id', '=', parentId)
      .executeTakeFirst();
    return Number(res.numDeletedRows);
  }
}

function toDocument<T>(r: Schema['documents']): StoredDocument<T> {
  return {
    collection: r.collection,
    id: r.id,
    parentId: r.parent_id,
    type: r.type,
    data: JSON.parse(r.data) as T,
    createdAt: r.created_at,
    modifiedAt: r.modified_at,
  };
}
