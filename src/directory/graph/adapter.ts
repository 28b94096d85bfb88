import { managedOnly } from '../embedded/mapping.js';
import { chooseByAnchor } from '../anchor-choice.js';
import { chunks } from '../../lib/chunks.js';
import { distinctLower, fail, ok } from '../batch.js';
import { directoryErrors } from '../errors.js';
import type {
  BatchResult,
  CandidateAttribute,
  DirectoryAccount,
  DirectoryAdapter,
  DirectoryCapabilities,
  ManagedAttributes,
  NewAccount,
} from '../types.js';
import { BatchRunner, type SubRequest, type SubResult } from './batch-runner.js';
import { createGraphHttp, type GraphHttp } from './client.js';
import type { GraphDirectoryOptions } from './config.js';
import { toDirectoryError } from './graph-errors.js';
import { SkuCatalog } from './licenses.js';
import {
  DEFAULT_PROPERTY_NAMES,
  FILTER_CHUNK,
  eqAnyFilter,
  fromGraphUser,
  inFilter,
  isGuid,
  toCreateBody,
  toGraphProperties,
  userSelect,
  type GraphPropertyNames,
  type GraphUser,
} from './mapping.js';
import { WriteBudget } from './write-budget.js';

const succeeded = (r: SubResult) => r.status >= 200 && r.status <= 299;

/**
 * Microsoft Graph (Entra ID) as a directory target, or rosterlink's own Graph-compatible /v1.0 surface. Every call
 * goes through `$batch`: reads as `in (...)` filters of 15 values or GETs by id, writes paced by the write budget.
 */
export class GraphDirectory implements DirectoryAdapter {
  readonly capabilities: DirectoryCapabilities = { passwords: true, licenses: true, delta: false, anchors: true };
  readonly names: GraphPropertyNames;
  readonly budget: WriteBudget;
  private readonly http: GraphHttp;
  private readonly runner: BatchRunner;
  private readonly skus: SkuCatalog;
  private readonly select: string;
  private readonly version: string;

  constructor(options: GraphDirectoryOptions) {
    this.version = options.version ?? 'v1.0';
    this.names = { ...DEFAULT_PROPERTY_NAMES, ...options.properties };
    this.http = createGraphHttp({
      baseUrl: options.baseUrl ?? 'https://graph.microsoft.com',
      version: this.version,
      tokens: options.tokens,
    });
    this.budget = new WriteBudget({ limits: options.limits, burst: options.burst });
    this.runner = new BatchRunner({
      transport: this.http.batch,
      budget: this.budget,
      batchSize: options.batchSize,
      concurrency: options.concurrency,
      maxAttempts: options.maxAttempts,
      backoffMs: options.backoffMs,
    });
    this.skus = new SkuCatalog(this.http);
    this.select = userSelect(this.names).join(',');
  }

  /** Envelopes and requests sent, retries, and how many of those were for 429s or for faults (5xx, network). */
  get stats(): Readonly<BatchRunner['stats']> {
    return this.runner.stats;
  }

  async findCandidates(keys: {
    attribute: CandidateAttribute;
    values: string[];
  }): Promise<Map<string, DirectoryAccount[]>> {
    const wanted = distinctLower(keys.values);
    const result = new Map<string, DirectoryAccount[]>(wanted.map((v) => [v, []]));
    const { attribute } = keys;
    const searchable = attribute === 'id' ? wanted.filter(isGuid) : wanted;
    const filters = chunks(searchable, FILTER_CHUNK).map((chunk) =>
      attribute === 'anchor' ? eqAnyFilter(this.names.anchor, chunk) : inFilter(attribute, chunk),
    );
    const seen = new Set<string>();
    for (const account of await this.query(filters)) {
      const value = attribute === 'anchor' ? account.anchor : account[attribute];
      const bucket = result.get(value?.toLowerCase() ?? '');
      if (!bucket || seen.has(account.id)) continue;
      seen.add(account.id);
      bucket.push(account);
    }
    return result;
  }

  async createAccounts(inputs: NewAccount[]): Promise<BatchResult<DirectoryAccount>[]> {
    const started = Date.now();
    const results: BatchResult<DirectoryAccount>[] = new Array(inputs.length);
    const pending: number[] = [];
    const seen = new Set<string>();
    inputs.forEach((input, i) => {
      const upn = String(input.userPrincipalName ?? '').toLowerCase();
      // Repeats within a batch would race inside one $batch; the first one wins, in input order, as embedded.
      if (seen.has(upn)) {
        results[i] = fail(directoryErrors.upnConflict());
      } else {
        seen.add(upn);
        pending.push(i);
      }
    });
    const answers = await this.runner.run(
      pending.map((i) => ({ method: 'POST', url: '/users', body: toCreateBody(inputs[i], this.names) })),
    );
    const createdIds = answers.filter(succeeded).map((a) => String((a.body as GraphUser).id));
    const readBack = await this.getByIds(createdIds);
    const recheck: number[] = [];
    answers.forEach((answer, k) => {
      const i = pending[k];
      if (succeeded(answer)) {
        const id = String((answer.body as GraphUser).id);
        results[i] = ok(readBack.get(id) ?? this.fromCreateAnswer(inputs[i], answer));
        return;
      }
      const error = toDirectoryError(answer);
      if (error.code === 'Conflict' && answer.ambiguous) recheck.push(i);
      results[i] = fail(error);
    });
    await this.reconcile(recheck, inputs, results, started);
    return results;
  }

  async updateAccounts(updates: { id: string; changes: Partial<ManagedAttributes> }[]): Promise<BatchResult<void>[]> {
    const answers = await this.runner.run(
      updates.map((u) => ({
        method: 'PATCH',
        url: `/users/${encodeURIComponent(u.id)}`,
        body: toGraphProperties(managedOnly(u.changes), this.names),
      })),
    );
    return answers.map((a) => (succeeded(a) ? ok(undefined) : fail(toDirectoryError(a))));
  }

  async assignLicenses(assignments: { id: string; skus: string[] }[]): Promise<BatchResult<void>[]> {
    const resolved = await this.skus.resolve(assignments.flatMap((a) => a.skus));
    const results: BatchResult<void>[] = new Array(assignments.length);
    const sent: { index: number; request: SubRequest }[] = [];
    assignments.forEach(({ id, skus }, i) => {
      const unknown = skus.find((s) => resolved.get(s) === undefined);
      if (unknown !== undefined) results[i] = fail(directoryErrors.unknownSku(unknown));
      else if (skus.length === 0) results[i] = ok(undefined);
      else {
        const addLicenses = [...new Set(skus.map((s) => resolved.get(s)!))].map((skuId) => ({
          skuId,
          disabledPlans: [],
        }));
        const url = `/users/${encodeURIComponent(id)}/assignLicense`;
        sent.push({ index: i, request: { method: 'POST', url, body: { addLicenses, removeLicenses: [] } } });
      }
    });
    const answers = await this.runner.run(sent.map((s) => s.request));
    answers.forEach((a, k) => (results[sent[k].index] = succeeded(a) ? ok(undefined) : fail(toDirectoryError(a))));
    return results;
  }

  async readByAnchor(anchors: string[]): Promise<Map<string, DirectoryAccount>> {
    return chooseByAnchor(anchors, await this.findCandidates({ attribute: 'anchor', values: anchors }));
  }

  async getAccounts(ids: string[]): Promise<Map<string, DirectoryAccount>> {
    const byId = await this.readAccounts(ids);
    const out = new Map<string, DirectoryAccount>();
    for (const id of ids) {
      const account = byId.get(id) ?? byId.get(id.toLowerCase());
      if (account) out.set(id, account);
    }
    return out;
  }

  /**
   * Accounts by id, 15 to a request (`id in (...)`): a `$batch` of 20 reads 300 accounts instead of 20, which is
   * what a re-run's read of every linked account costs. A filter is answered from the directory's query index,
   * which may not yet hold an account written a moment ago, so an id the filters did not return is read by GET
   * and only a 404 means deleted. Keys: ids as the service returns them, lower-cased too.
   */
  private async readAccounts(ids: readonly string[]): Promise<Map<string, DirectoryAccount>> {
    const distinct = [...new Set(ids.filter(isGuid))];
    const out = new Map<string, DirectoryAccount>();
    for (const account of await this.query(chunks(distinct, FILTER_CHUNK).map((c) => inFilter('id', c))))
      keyById(out, account);
    const missing = distinct.filter((id) => !out.has(id.toLowerCase()));
    for (const account of (await this.getByIds(missing)).values()) keyById(out, account);
    return out;
  }

  /** GET /users/{id} per id in `$batch` (what was just created: read back by id, not through a filter's index). */
  private async getByIds(ids: readonly string[]): Promise<Map<string, DirectoryAccount>> {
    const distinct = [...new Set(ids.filter(isGuid))];
    const answers = await this.runner.run(
      distinct.map((id) => ({ method: 'GET', url: `/users/${id}?$select=${this.select}` })),
    );
    const out = new Map<string, DirectoryAccount>();
    answers.forEach((a) => {
      if (a.status === 404) return;
      if (!succeeded(a)) throw toDirectoryError(a);
      keyById(out, fromGraphUser(a.body as GraphUser, this.names));
    });
    return out;
  }

  /** Runs `$filter` queries over /users and follows every `@odata.nextLink`. A failed read fails the whole call. */
  private async query(filters: string[]): Promise<DirectoryAccount[]> {
    const accounts: DirectoryAccount[] = [];
    let urls = filters.map((f) => `/users?$filter=${encodeURIComponent(f)}&$select=${this.select}&$top=999`);
    while (urls.length > 0) {
      const answers = await this.runner.run(urls.map((url) => ({ method: 'GET', url })));
      urls = [];
      for (const a of answers) {
        if (!succeeded(a)) throw toDirectoryError(a);
        const page = a.body as { value?: GraphUser[]; '@odata.nextLink'?: string };
        accounts.push(...(page.value ?? []).map((u) => fromGraphUser(u, this.names)));
        if (page['@odata.nextLink']) urls.push(this.relative(page['@odata.nextLink']));
      }
    }
    return accounts;
  }

  /** A nextLink as a path under the version, as `$batch` wants it. */
  private relative(link: string): string {
    const url = new URL(link, 'https://graph.microsoft.com');
    const prefix = `/${this.version}`;
    const path = url.pathname.startsWith(prefix) ? url.pathname.slice(prefix.length) : url.pathname;
    return `${path}${url.search}`;
  }

  /** The account as far as the create answer tells, when reading it back missed (Entra replicates lazily). */
  private fromCreateAnswer(input: NewAccount, answer: SubResult): DirectoryAccount {
    const { passwordProfile: _secret, ...sent } = toCreateBody(input, this.names);
    const body = answer.body as GraphUser;
    return fromGraphUser({ createdDateTime: new Date().toISOString(), ...sent, ...body }, this.names);
  }

  /**
   * A create that met "already exists" after an attempt whose answer was lost may have met itself. It did if the
   * account under that UPN was created during this call and carries what we sent (anchor and display name).
   */
  private async reconcile(
    indexes: number[],
    inputs: NewAccount[],
    results: BatchResult<DirectoryAccount>[],
    since: number,
  ): Promise<void> {
    if (indexes.length === 0) return;
    const found = await this.findCandidates({
      attribute: 'userPrincipalName',
      values: indexes.map((i) => inputs[i].userPrincipalName),
    });
    for (const i of indexes) {
      const input = inputs[i];
      const [account] = found.get(input.userPrincipalName.toLowerCase()) ?? [];
      const created = account ? Date.parse(account.createdDateTime) : NaN;
      const ours =
        account !== undefined &&
        account.displayName === input.displayName &&
        (account.anchor ?? null) === (input.anchor ?? null) &&
        !(created < since - 60_000); // NaN (no creation time) passes on the other two checks
      if (ours) results[i] = ok(account);
    }
  }
}

/** Keeps `account` under its id as the service spells it and lower-cased (ids are compared case-insensitively). */
function keyById(map: Map<string, DirectoryAccount>, account: DirectoryAccount): void {
  map.set(account.id, account);
  map.set(account.id.toLowerCase(), account);
}
