import { BulkInsert } from '../bulk-insert.js';
import type { Store } from '../database.js';
import { eachRow } from '../select-arrays.js';
import type { Kysely, Transaction } from 'kysely';
import type { Schema } from '../schema.js';

type Db = Kysely<Schema> | Transaction<Schema>;
const CHUNK = 500;

export interface Link {
  sourceSystemId: string;
  sourcedId: string;
  accountId: string;
  roleGroup: string;
  /** Fingerprint of the managed attributes last confirmed on the account; null or absent = none. */
  fingerprint?: string | null;
  /** The account's change stamp at that moment; null or absent = unknown. */
  accountStamp?: string | null;
}

/** A link as stored, with when it was made. */
export type StoredLink = Link & { linkedAt: string };

/** Person ↔ account links, kept by (source system, sourcedId); an account has at most one person. */
export class LinkRepository {
  constructor(
    private readonly db: Db,
    /** The store `db` belongs to, when known: whole-source-system reads then come back as arrays (eachRow). */
    private readonly store?: Store,
  ) {}

  async forSourceSystem(sourceSystemId: string): Promise<Map<string, StoredLink>> {
    const query = this.db
      .selectFrom('links')
      .select([...COLUMNS])
      .where('source_system_id', '=', sourceSystemId);
    const out = new Map<string, StoredLink>();
    if (this.store) {
      await eachRow<[string, string, string, string, string, string | null, string | null]>(
        this.store,
        query,
        ([sourceSystem, sourcedId, accountId, roleGroup, linkedAt, fingerprint, accountStamp]) =>
          out.set(sourcedId, {
            sourceSystemId: sourceSystem,
            sourcedId,
            accountId,
            roleGroup,
            linkedAt,
            fingerprint,
            accountStamp,
          }),
      );
    } else {
      for (const r of await query.execute()) out.set(r.sourced_id, toLink(r));
    }
    return out;
  }

  /** Which person owns a link to each of these accounts (any source system). */
  async ownersOf(accountIds: readonly string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (let i = 0; i < accountIds.length; i += CHUNK) {
      const chunk = accountIds.slice(i, i + CHUNK);
      if (chunk.length === 0) continue;
      const rows = await this.db
        .selectFrom('links')
        .select(['account_id', 'sourced_id'])
        .where('account_id', 'in', chunk)
        .execute();
      for (const r of rows) out.set(r.account_id, r.sourced_id);
    }
    return out;
  }

  /**
   * Stores links; a person's earlier link (e.g. to a deleted account) is replaced, and with it what was confirmed
   * about the earlier account.
   */
  async upsert(links: readonly Link[], now: string): Promise<void> {
    await UPSERT.insert(
      this.db,
      flat(links, () => now),
    );
  }

  /**
   * Remembers, for links that exist, the attributes fingerprint and account stamp just confirmed; the rest of each
   * link (its account, role group and linked_at) is left as it is.
   */
  async confirm(links: readonly StoredLink[]): Promise<void> {
    await CONFIRM.insert(
      this.db,
      flat(links, (l) => l.linkedAt),
    );
  }

  async resolutions(
    sourceSystemId: string,
  ): Promise<Map<string, { resolution: 'account' | 'create'; accountId: string | null }>> {
    const rows = await this.db
      .selectFrom('conflict_resolutions')
      .selectAll()
      .where('source_system_id', '=', sourceSystemId)
      .execute();
    return new Map(
      rows.map((r) => [r.sourced_id, { resolution: r.resolution as 'account' | 'create', accountId: r.account_id }]),
    );
  }

  async resolve(
    sourceSystemId: string,
    sourcedId: string,
    resolution: 'account' | 'create',
    accountId: string | null,
    now: string,
  ): Promise<void> {
    await this.db
      .insertInto('conflict_resolutions')
      .values({
        source_system_id: sourceSystemId,
        sourced_id: sourcedId,
        resolution,
        account_id: accountId,
        resolved_at: now,
      })
      .onConflict((oc) =>
        oc
          .columns(['source_system_id', 'sourced_id'])
          .doUpdateSet({ resolution, account_id: accountId, resolved_at: now }),
      )
      .execute();
  }
}

function toLink(r: Schema['links']): StoredLink {
  return {
    sourceSystemId: r.source_system_id,
    sourcedId: r.sourced_id,
    accountId: r.account_id,
    roleGroup: r.role_group,
    fingerprint: r.fingerprint,
    accountStamp: r.account_stamp,
    linkedAt: r.linked_at,
  };
}

const COLUMNS = [
  'source_system_id', 'sourced_id', 'account_id', 'role_group', 'linked_at', 'fingerprint', 'account_stamp',
] as const satisfies readonly (keyof Schema['links'])[]; // prettier-ignore
const ON_KEY = 'on conflict ("source_system_id", "sourced_id") do update set';
const UPSERT = new BulkInsert(
  'links',
  COLUMNS,
  `${ON_KEY} ${['account_id', 'role_group', 'linked_at', 'fingerprint', 'account_stamp'].map((c) => `"${c}" = excluded."${c}"`).join(', ')}`,
);
const CONFIRM = new BulkInsert(
  'links',
  COLUMNS,
  `${ON_KEY} "fingerprint" = excluded."fingerprint", "account_stamp" = excluded."account_stamp"`,
);

/** Links as one flat array of values in COLUMNS order. */
function flat<L extends Link>(links: readonly L[], linkedAt: (l: L) => string): (string | null)[] {
  const out: (string | null)[] = [];
  for (const l of links)
    out.push(
      l.sourceSystemId,
      l.sourcedId,
      l.accountId,
      l.roleGroup,
      linkedAt(l),
      l.fingerprint ?? null,
      l.accountStamp ?? null,
    );
  return out;
}
