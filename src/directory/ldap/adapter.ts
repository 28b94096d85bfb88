import { Attribute, Change, Client } from 'ldapts';
import { chooseByAnchor } from '../anchor-choice.js';
import { chunks } from '../../lib/chunks.js';
import { distinctLower, fail, ok } from '../batch.js';
import { graphNow } from '../../lib/clock.js';
import { checkAttributes, checkNewAccount, managedOnly } from '../embedded/mapping.js';
import { isGuid } from '../graph/mapping.js';
import { directoryErrors, DirectoryError } from '../errors.js';
import type {
  BatchResult,
  CandidateAttribute,
  DirectoryAccount,
  DirectoryAdapter,
  DirectoryCapabilities,
  ManagedAttributes,
  NewAccount,
} from '../types.js';
import { requireLdapsForAd, resolveSchema, type LdapDirectoryOptions, type LdapSchema } from './config.js';
import { toDirectoryError } from './ldap-errors.js';
import { escapeFilterBytes, escapeFilterValue, guidToBytes, orFilter } from './ldap-values.js';
import { changesFor, entryId, fromEntry, newEntry, normalizeEntry, readAttributes, type LdapEntry } from './mapping.js';
import { PASSWORD_MODIFY_OID, passwordModifyValue } from './password-modify.js';

/**
 * An LDAP directory (OpenLDAP and the like with inetOrgPerson, or Active Directory) as a directory target, through
 * ldapts. Lookups are paged subtree searches with OR filters of `chunkSize` values; writes run `concurrency` at a
 * time on one bound connection. LDAP has no licences: `capabilities.licenses` is false.
 */
export class LdapDirectory implements DirectoryAdapter {
  readonly capabilities: DirectoryCapabilities = { passwords: true, licenses: false, delta: false, anchors: true };
  readonly schema: LdapSchema;
  private readonly client: Client;
  private bound?: Promise<void>;

  constructor(private readonly options: LdapDirectoryOptions) {
    this.schema = resolveSchema(options);
    requireLdapsForAd(options);
    this.client = new Client({
      url: options.url,
      timeout: options.timeoutMs ?? 30_000,
      connectTimeout: options.timeoutMs ?? 10_000,
      tlsOptions: options.tlsOptions,
      autoRebind: true,
    });
  }

  async findCandidates(keys: {
    attribute: CandidateAttribute;
    values: string[];
  }): Promise<Map<string, DirectoryAccount[]>> {
    const wanted = distinctLower(keys.values);
    const result = new Map<string, DirectoryAccount[]>(wanted.map((v) => [v, []]));
    const attr = this.attributeOf(keys.attribute);
    for (const entry of await this.searchBy(attr, wanted)) {
      const account = fromEntry(entry, this.schema);
      const held =
        keys.attribute === 'id' ? [account.id] : (entry.attrs[attr.toLowerCase()] ?? []).map((v) => v.toString());
      for (const key of new Set(held.map((v) => v.toLowerCase()))) result.get(key)?.push(account);
    }
    return result;
  }

  async createAccounts(inputs: NewAccount[]): Promise<BatchResult<DirectoryAccount>[]> {
    const results: (BatchResult<DirectoryAccount> | undefined)[] = inputs.map((input) => {
      const problem = this.checkNew(input);
      return problem ? fail(problem) : undefined;
    });
    const seen = new Set<string>();
    inputs.forEach((input, i) => {
      const upn = input.userPrincipalName.toLowerCase();
      if (results[i]) return;
      if (seen.has(upn)) results[i] = fail(directoryErrors.upnConflict());
      seen.add(upn);
    });
    // The DN catches a taken UPN only when the UPN is the RDN; a search catches it always.
    const taken = await this.findCandidates({ attribute: 'userPrincipalName', values: [...seen] });
    const pending = inputs.flatMap((input, i) => {
      if (results[i]) return [];
      if (taken.get(input.userPrincipalName.toLowerCase())?.length) {
        results[i] = fail(directoryErrors.upnConflict());
        return [];
      }
      return [i];
    });
    const added = await this.mapLimit(pending, (i) => this.addOne(inputs[i]));
    const readBack = await this.readByRdn(pending.filter((_, k) => added[k] === null).map((i) => inputs[i]));
    pending.forEach((i, k) => {
      const account = readBack.get(inputs[i].userPrincipalName.toLowerCase());
      const problem = added[k] ?? (account ? null : new DirectoryError('Unavailable', 'Created but not readable.'));
      results[i] = problem ? fail(problem) : ok(account!);
    });
    return results as BatchResult<DirectoryAccount>[];
  }

  async updateAccounts(updates: { id: string; changes: Partial<ManagedAttributes> }[]): Promise<BatchResult<void>[]> {
    const entries = new Map<string, LdapEntry>();
    for (const e of await this.searchBy(this.schema.idAttribute, [...new Set(updates.map((u) => u.id))])) {
      entries.set(entryId(e, this.schema), e);
    }
    // Updates of one account run in order, each on the entry as the previous one left it; accounts in parallel.
    const byId = new Map<string, number[]>();
    updates.forEach((u, i) => byId.set(u.id.toLowerCase(), [...(byId.get(u.id.toLowerCase()) ?? []), i]));
    const results: BatchResult<void>[] = new Array(updates.length);
    await this.mapLimit([...byId.entries()], async ([id, indexes]) => {
      for (const i of indexes) results[i] = await this.updateOne(entries, id, updates[i]);
    });
    return results;
  }

  async assignLicenses(assignments: { id: string; skus: string[] }[]): Promise<BatchResult<void>[]> {
    return assignments.map(() => fail(directoryErrors.notImplemented('Licence assignment')));
  }

  async readByAnchor(anchors: string[]): Promise<Map<string, DirectoryAccount>> {
    return chooseByAnchor(anchors, await this.findCandidates({ attribute: 'anchor', values: anchors }));
  }

  async getAccounts(ids: string[]): Promise<Map<string, DirectoryAccount>> {
    const found = await this.findCandidates({ attribute: 'id', values: ids });
    const out = new Map<string, DirectoryAccount>();
    for (const id of ids) {
      const [account] = found.get(id.toLowerCase()) ?? [];
      if (account) out.set(id, account);
    }
    return out;
  }

  /** Deletes accounts by id (an administrator's action; not part of the adapter interface). */
  async deleteAccounts(ids: string[]): Promise<void> {
    const client = await this.connection();
    for (const e of await this.searchBy(this.schema.idAttribute, ids)) await client.del(e.dn);
  }

  async close(): Promise<void> {
    this.bound = undefined;
    await this.client.unbind().catch(() => undefined);
  }

  private attributeOf(attribute: CandidateAttribute): string {
    const attr = attribute === 'id' ? this.schema.idAttribute : this.schema.attributes[attribute];
    if (!attr) throw directoryErrors.notImplemented(`Searching by ${attribute} (not mapped to an LDAP attribute)`);
    return attr;
  }

  private checkNew(input: NewAccount): DirectoryError | null {
    // AD limits cn, the RDN rosterlink names accounts by, to 64 characters.
    const upn = input.userPrincipalName;
    if (this.schema.rdnAttribute.toLowerCase() === 'cn' && typeof upn === 'string' && upn.length > 64) {
      return directoryErrors.invalidProperty('userPrincipalName');
    }
    return checkNewAccount(input);
  }

  private async addOne(input: NewAccount): Promise<DirectoryError | null> {
    const client = await this.connection();
    const exop = this.schema.profile === 'standard' && (this.options.passwordMode ?? 'exop') === 'exop';
    const entry = newEntry(input, this.schema, {
      baseDN: this.options.baseDN,
      now: graphNow(),
      passwordOnAdd: !exop,
      addAttributes: this.options.addAttributes,
    });
    try {
      await client.add(entry.dn, toAttributes(entry.attrs));
    } catch (err) {
      return toDirectoryError(err);
    }
    if (!exop) return null;
    try {
      await client.exop(PASSWORD_MODIFY_OID, passwordModifyValue(entry.dn, input.password));
      return null;
    } catch (err) {
      // An account nobody can sign in to is worse than none: take it away again and report why.
      await client.del(entry.dn).catch(() => undefined);
      const error = toDirectoryError(err);
      return new DirectoryError('InvalidConfig', `The password was not accepted: ${error.message}`);
    }
  }

  private async updateOne(
    entries: Map<string, LdapEntry>,
    id: string,
    update: { id: string; changes: Partial<ManagedAttributes> },
  ): Promise<BatchResult<void>> {
    const entry = entries.get(id);
    if (!entry) return fail(directoryErrors.notFound(update.id));
    const problem = checkAttributes(managedOnly(update.changes));
    if (problem) return fail(problem);
    const changes = changesFor(entry, update.changes, this.schema);
    if (changes.length === 0) return ok(undefined);
    try {
      const client = await this.connection();
      await client.modify(
        entry.dn,
        changes.map((c) => new Change({ operation: c.operation, modification: attribute(c.type, c.values) })),
      );
      for (const c of changes) entry.attrs[c.type.toLowerCase()] = c.values;
      return ok(undefined);
    } catch (err) {
      const error = toDirectoryError(err);
      return fail(error.code === 'NotFound' ? directoryErrors.notFound(update.id) : error);
    }
  }

  /** Entries whose `attr` equals any of `values` (case as the attribute's matching rule has it). */
  private async searchBy(attr: string, values: readonly string[]): Promise<LdapEntry[]> {
    const binaryGuid = attr.toLowerCase() === 'objectguid';
    const isId = attr === this.schema.idAttribute;
    const escaped = [...new Set(isId ? values.map((v) => v.toLowerCase()) : values)].flatMap((v) => {
      if (isId && !isGuid(v)) return []; // cannot be an id: skip, not an error
      return [binaryGuid ? escapeFilterBytes(guidToBytes(v)) : escapeFilterValue(v)];
    });
    const size = this.options.chunkSize ?? 100;
    const out: LdapEntry[] = [];
    for (const chunk of chunks(escaped, size)) {
      out.push(...(await this.search(`(&${this.schema.entryFilter}${orFilter(attr, chunk)})`)));
    }
    return out;
  }

  private async search(filter: string): Promise<LdapEntry[]> {
    const client = await this.connection();
    try {
      const { searchEntries } = await client.search(this.options.baseDN, {
        scope: 'sub',
        filter,
        attributes: readAttributes(this.schema),
        explicitBufferAttributes: this.schema.idAttribute.toLowerCase() === 'objectguid' ? ['objectGUID'] : [],
        paged: { pageSize: this.options.pageSize ?? 500 },
      });
      return searchEntries.map((e) => normalizeEntry(e));
    } catch (err) {
      throw toDirectoryError(err);
    }
  }

  /** Newly added entries, found by their RDN value (the UPN), keyed by lower-cased UPN. */
  private async readByRdn(inputs: NewAccount[]): Promise<Map<string, DirectoryAccount>> {
    const entries = await this.searchBy(
      this.schema.rdnAttribute,
      inputs.map((i) => i.userPrincipalName),
    );
    return new Map(
      entries.map((e) => {
        const account = fromEntry(e, this.schema);
        return [account.userPrincipalName.toLowerCase(), account];
      }),
    );
  }

  private async connection(): Promise<Client> {
    this.bound ??= this.client.bind(this.options.bindDN, this.options.password).catch((err: unknown) => {
      this.bound = undefined;
      throw toDirectoryError(err);
    });
    await this.bound;
    return this.client;
  }

  private async mapLimit<T, R>(items: readonly T[], fn: (item: T) => Promise<R>): Promise<R[]> {
    const out: R[] = new Array(items.length);
    let next = 0;
    const worker = async () => {
      while (next < items.length) {
        const k = next++;
        out[k] = await fn(items[k]);
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.options.concurrency ?? 8, items.length) }, worker));
    return out;
  }
}

function attribute(type: string, values: (string | Buffer)[]): Attribute {
  return new Attribute({ type, values: values as string[] | Buffer[] });
}

function toAttributes(attrs: LdapEntry['attrs']): Attribute[] {
  return Object.entries(attrs).map(([type, values]) => attribute(type, values));
}
