import type { Kysely, Transaction } from 'kysely';
import { graphNow } from '../lib/clock.js';
import type { Schema } from '../store/schema.js';

type Db = Kysely<Schema> | Transaction<Schema>;

/**
 * States of a journaled account creation: `pending` before the directory is asked, `linked` once the account exists
 * and its link is stored, `done` once its licences were assigned (or refused), `failed` when the directory refused
 * the account. A crash leaves `pending` or `linked` behind; the next run finishes those (see `unfinishedCreates`).
 */
export type JournalState = 'pending' | 'linked' | 'done' | 'failed';

export interface JournalEntry {
  sourcedId: string;
  upn: string | null;
  accountId: string | null;
}

const CHUNK = 500;

/** Writes (or moves on) journal entries of one run and flow, one multi-row statement per chunk. */
export async function writeJournal(
  db: Db,
  key: { runId: string; flowId: string; action: string },
  entries: readonly JournalEntry[],
  state: JournalState,
): Promise<void> {
  const now = graphNow();
  for (let i = 0; i < entries.length; i += CHUNK) {
    await db
      .insertInto('apply_journal')
      .values(
        entries.slice(i, i + CHUNK).map((e) => ({
          run_id: key.runId,
          flow_id: key.flowId,
          sourced_id: e.sourcedId,
          action: key.action,
          state,
          upn: e.upn,
          account_id: e.accountId,
          updated_at: now,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['run_id', 'flow_id', 'sourced_id', 'action']).doUpdateSet((eb) => ({
          state: eb.ref('excluded.state'),
          account_id: eb.ref('excluded.account_id'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute();
  }
}

/** Creations of a flow that an interrupted run left unfinished (any run): sourcedId → state. */
export async function unfinishedCreates(db: Db, flowId: string): Promise<Map<string, JournalState>> {
  const rows = await db
    .selectFrom('apply_journal')
    .select(['sourced_id', 'state'])
    .where('flow_id', '=', flowId)
    .where('action', '=', 'create')
    .where('state', 'in', ['pending', 'linked'])
    .execute();
  return new Map(rows.map((r) => [r.sourced_id, r.state as JournalState]));
}

/** Marks the unfinished creations of these people (whatever run journaled them) as finished. */
export async function finishCreates(db: Db, flowId: string, sourcedIds: readonly string[]): Promise<void> {
  const now = graphNow();
  for (let i = 0; i < sourcedIds.length; i += CHUNK) {
    await db
      .updateTable('apply_journal')
      .set({ state: 'done', updated_at: now })
      .where('flow_id', '=', flowId)
      .where('action', '=', 'create')
      .where('state', 'in', ['pending', 'linked'])
      .where('sourced_id', 'in', sourcedIds.slice(i, i + CHUNK))
      .execute();
  }
}
