import type { Kysely, Transaction } from 'kysely';
import { graphNow } from '../lib/clock.js';
import { BulkInsert } from '../store/bulk-insert.js';
import type { Schema } from '../store/schema.js';

type Db = Kysely<Schema> | Transaction<Schema>;

/**
 * The apply journal holds the account creations in flight: a row is written (state `pending`) before the
 * directory is asked to create an account, and deleted once the creation is finished (account linked and licensed)
 * or refused. A crash leaves rows behind; the next run of the flow finishes those creations (see apply.ts) and then
 * clears the rows of everyone it planned.
 */
export interface JournalEntry {
  sourcedId: string;
  upn: string | null;
}

const CHUNK = 1_000;
const ACTION = 'create';
const JOURNAL = new BulkInsert(
  'apply_journal',
  ['run_id', 'flow_id', 'sourced_id', 'action', 'state', 'upn', 'account_id', 'updated_at'],
  // A recovered run (same id) journals its creations again.
  'on conflict ("run_id", "flow_id", "sourced_id", "action") do update set "updated_at" = excluded."updated_at"',
);

export async function journalCreates(
  db: Db,
  key: { runId: string; flowId: string },
  entries: readonly JournalEntry[],
): Promise<void> {
  const now = graphNow();
  const values: (string | null)[] = [];
  for (const e of entries) values.push(key.runId, key.flowId, e.sourcedId, ACTION, 'pending', e.upn, null, now);
  await JOURNAL.insert(db, values);
}

/** Creations of a flow that are in flight, from any run: the sourcedIds. */
export async function createsInFlight(db: Db, flowId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('apply_journal')
    .select('sourced_id')
    .where('flow_id', '=', flowId)
    .where('action', '=', ACTION)
    .execute();
  return new Set(rows.map((r) => r.sourced_id));
}

/** Ends the creations of these people in a flow, whatever run journaled them. */
export async function endCreates(db: Db, flowId: string, sourcedIds: readonly string[]): Promise<void> {
  for (let i = 0; i < sourcedIds.length; i += CHUNK) {
    await db
      .deleteFrom('apply_journal')
      .where('flow_id', '=', flowId)
      .where('action', '=', ACTION)
      .where('sourced_id', 'in', sourcedIds.slice(i, i + CHUNK))
      .execute();
  }
}
