import { chooseByAnchor } from '../anchor-choice.js';
import { fail, ok } from '../batch.js';
import { graphNow } from '../../lib/clock.js';
import { uuidv7 } from '../../lib/uuid7.js';
import type { Store } from '../../store/database.js';
import { isUniqueViolation, UniqueViolationError } from '../../store/repositories/documents.js';
import { eachRow } from '../../store/select-arrays.js';
import { DirectoryLicenseRepository } from '../../store/repositories/directory-licenses.js';
import { DirectoryUserRepository, type LookupColumn, type UserRow } from '../../store/repositories/directory-users.js';
import { directoryErrors } from '../errors.js';
import type {
  AccountStamp,
  BatchResult,
  CandidateAttribute,
  DirectoryAccount,
  DirectoryAdapter,
  DirectoryCapabilities,
  ManagedAttributes,
  NewAccount,
} from '../types.js';
import {
  ACCOUNT_COLUMNS,
  checkAttributes,
  checkNewAccount,
  managedOnly,
  newRow,
  toAccount,
  toColumns,
  type AccountRow,
} from './mapping.js';
import { RecentHashes } from './passwords.js';

export interface EmbeddedDirectoryOptions {
  /** Keys per IN list (default: up to 10 000, bounded by the dialect's parameter limit); tests lower it. */
  chunkSize?: number;
  /** From this many ids on, `readStamps` may scan the table instead of probing the index (default 5000). */
  scanFrom?: number;
}

const LOOKUP: Record<CandidateAttribute, LookupColumn> = {
  userPrincipalName: 'upn_lower',
  mail: 'mail_lower',
  anchor: 'anchor_lower',
  id: 'id',
};

const VALUE_OF: Record<CandidateAttribute, (a: DirectoryAccount) => string | null> = {
  userPrincipalName: (a) => a.userPrincipalName,
  mail: (a) => a.mail,
  anchor: (a) => a.anchor,
  id: (a) => a.id,
};

/** The default directory target: accounts kept in the rosterlink store itself (SQLite or PostgreSQL). */
export class EmbeddedDirectory implements DirectoryAdapter {
  readonly capabilities: DirectoryCapabilities = { passwords: true, licenses: true, delta: false, anchors: true };
  readonly users: DirectoryUserRepository;
  readonly licenses: DirectoryLicenseRepository;
  private readonly hashes = new RecentHashes();

  constructor(
    readonly store: Store,
    private readonly options: EmbeddedDirectoryOptions = {},
  ) {
    this.users = new DirectoryUserRepository(store.db, store.traits, options.chunkSize);
    this.licenses = new DirectoryLicenseRepository(store.db, store.traits.name === 'postgres');
  }

  async findCandidates(keys: {
    attribute: CandidateAttribute;
    values: string[];
  }): Promise<Map<string, DirectoryAccount[]>> {
    const column = LOOKUP[keys.attribute];
    const result = new Map<string, DirectoryAccount[]>(keys.values.map((v) => [v.toLowerCase(), []]));
    const accounts = await this.accountsOf(await this.users.pickBy(column, [...result.keys()], ACCOUNT_COLUMNS));
    for (const account of accounts) {
      result.get(VALUE_OF[keys.attribute](account)?.toLowerCase() ?? '')?.push(account);
    }
    return result;
  }

  async createAccounts(inputs: NewAccount[]): Promise<BatchResult<DirectoryAccount>[]> {
    const results: (BatchResult<DirectoryAccount> | undefined)[] = inputs.map(() => undefined);
    const seen = new Set<string>();
    inputs.forEach((input, i) => {
      const problem = checkNewAccount(input);
      const upn = input.userPrincipalName?.toLowerCase();
      if (problem) results[i] = fail(problem);
      else if (seen.has(upn)) results[i] = fail(directoryErrors.upnConflict());
      else seen.add(upn);
    });
    const taken = new Set((await this.users.pickBy('upn_lower', [...seen], ['upn_lower'])).map((r) => r.upn_lower));
    const pending: { index: number; input: NewAccount }[] = [];
    inputs.forEach((input, i) => {
      if (results[i]) return;
      if (taken.has(input.userPrincipalName.toLowerCase())) results[i] = fail(directoryErrors.upnConflict());
      else pending.push({ index: i, input });
    });
    // scrypt costs ~20-40 ms a hash, so a district's worth of accounts would take the better part of an hour.
    // Accounts created with one role group's default password (spec §3.1) share one salted hash (within a few
    // minutes, so across the batches of a run): the shared hash reveals only that they share a password, which the
    // flow configuration says anyway, and each account gets its own salt once its password is changed.
    const hashes = await Promise.all(pending.map((p) => this.hashes.hashOf(p.input.password)));
    const now = graphNow();
    const rows = pending.map((p, k) => newRow(p.input, uuidv7(), hashes[k], now));
    const inserted = await this.insertRows(rows);
    pending.forEach((p, k) => {
      results[p.index] = inserted[k] ? ok(toAccount(rows[k], [])) : fail(directoryErrors.upnConflict());
    });
    return results as BatchResult<DirectoryAccount>[];
  }

  async updateAccounts(updates: { id: string; changes: Partial<ManagedAttributes> }[]): Promise<BatchResult<void>[]> {
    const ids = updates.map((u) => u.id.toLowerCase());
    const existing = new Set((await this.users.pickBy('id', ids, ['id'])).map((r) => r.id));
    const results: BatchResult<void>[] = [];
    // One transaction for the batch: SQLite commits once instead of once per account.
    await this.store.db.transaction().execute(async (trx) => {
      const users = new DirectoryUserRepository(trx, this.store.traits, this.options.chunkSize);
      for (const [i, { id, changes }] of updates.entries()) {
        const managed = managedOnly(changes);
        const problem = checkAttributes(managed);
        const columns = toColumns(managed);
        let found = existing.has(ids[i]);
        // A row deleted since the read above updates nothing: that is NotFound too.
        if (!problem && found && Object.keys(columns).length > 0) {
          found = await users.update(ids[i], { ...columns, modified_at: graphNow() });
        }
        results.push(problem ? fail(problem) : found ? ok(undefined) : fail(directoryErrors.notFound(id)));
      }
    });
    return results;
  }

  async assignLicenses(assignments: { id: string; skus: string[] }[]): Promise<BatchResult<void>[]> {
    const skus = await this.licenses.resolveSkus(assignments.flatMap((a) => a.skus));
    const rows = await this.users.pickBy(
      'id',
      assignments.map((a) => a.id.toLowerCase()),
      ['id', 'usage_location'],
    );
    const users = new Map(rows.map((r) => [r.id, r]));
    const results: BatchResult<void>[] = [];
    const valid: { index: number; userId: string; skuIds: string[] }[] = [];
    for (const [index, { id, skus: refs }] of assignments.entries()) {
      const user = users.get(id.toLowerCase());
      const unknown = refs.find((ref) => !skus.has(ref));
      if (!user) results.push(fail(directoryErrors.notFound(id)));
      else if (unknown !== undefined) results.push(fail(directoryErrors.unknownSku(unknown)));
      else if (!user.usage_location && refs.length > 0) results.push(fail(directoryErrors.noUsageLocation()));
      else {
        results.push(ok(undefined));
        valid.push({ index, userId: user.id, skuIds: refs.map((ref) => skus.get(ref)!.sku_id) });
      }
    }
    // One transaction for the whole call, each item still all or nothing.
    const exhausted = await this.licenses.addMany(valid, graphNow());
    valid.forEach((v, k) => {
      if (exhausted[k] !== null) results[v.index] = fail(directoryErrors.seatsExhausted(exhausted[k]));
    });
    return results;
  }

  async readByAnchor(anchors: string[]): Promise<Map<string, DirectoryAccount>> {
    return chooseByAnchor(anchors, await this.findCandidates({ attribute: 'anchor', values: anchors }));
  }

  async getAccounts(ids: string[]): Promise<Map<string, DirectoryAccount>> {
    const byId = new Map(
      (
        await this.accountsOf(
          await this.users.pickBy(
            'id',
            ids.map((id) => id.toLowerCase()),
            ACCOUNT_COLUMNS,
          ),
        )
      ).map((a) => [a.id, a]),
    );
    const out = new Map<string, DirectoryAccount>();
    for (const id of ids) {
      const account = byId.get(id.toLowerCase());
      if (account) out.set(id, account);
    }
    return out;
  }

  async readStamps(ids: string[]): Promise<Map<string, AccountStamp>> {
    const wanted = ids.map((id) => id.toLowerCase());
    // A re-run asks for nearly every account: one scan of three columns beats thousands of index probes.
    const byId = new Map<string, AccountStamp>();
    if (wanted.length >= (this.options.scanFrom ?? 5_000) && wanted.length * 2 >= (await this.users.count())) {
      const query = this.store.db.selectFrom('directory_users').select(['id', 'upn', 'version']);
      await eachRow<[string, string, number]>(this.store, query, ([id, upn, version]) =>
        byId.set(id, { stamp: String(version), userPrincipalName: upn }),
      );
    } else {
      for (const r of await this.users.pickBy('id', wanted, ['id', 'upn', 'version']))
        byId.set(r.id, { stamp: String(r.version), userPrincipalName: r.upn });
    }
    const out = new Map<string, AccountStamp>();
    ids.forEach((id, i) => {
      const found = byId.get(wanted[i]);
      if (found) out.set(id, found);
    });
    return out;
  }

  /** Rows to accounts, reading their licences in one query per chunk. */
  async accountsOf(rows: AccountRow[]): Promise<DirectoryAccount[]> {
    const licenses = await this.users.licensesOf(rows.map((r) => r.id));
    return rows.map((r) => toAccount(r, licenses.get(r.id) ?? []));
  }

  /**
   * Inserts in multi-row batches inside one transaction; if another writer took a UPN meanwhile (unique
   * violation), falls back to row-by-row inserts so only the clashing rows fail. Returns true per inserted row.
   */
  private async insertRows(rows: UserRow[]): Promise<boolean[]> {
    try {
      await this.store.db
        .transaction()
        .execute((trx) => new DirectoryUserRepository(trx, this.store.traits).insertMany(rows));
      return rows.map(() => true);
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
    }
    const inserted: boolean[] = [];
    for (const row of rows) {
      try {
        await this.users.insertOne(row);
        inserted.push(true);
      } catch (err) {
        if (!(err instanceof UniqueViolationError)) throw err;
        inserted.push(false);
      }
    }
    return inserted;
  }
}
