import type { Kysely } from 'kysely';
import { DirectoryError } from '../directory/errors.js';
import type { BatchResult, DirectoryAdapter, ManagedAttributes, NewAccount } from '../directory/types.js';
import { graphNow } from '../lib/clock.js';
import { LinkRepository, type Link } from '../store/repositories/links.js';
import type { Schema } from '../store/schema.js';
import { mailNicknameOf } from './identity.js';
import { createsInFlight, endCreates, journalCreates } from './journal.js';
import type { Prepared } from './plan.js';
import type { EngineProgress } from './user-flow.js';
import type { EngineOptions, PlanRow, ResultRow, UserFlowSettings } from './types.js';

/** Writes go to the directory in batches of this size; each batch is journaled before it is sent. */
export const APPLY_BATCH = 1000;

export interface ApplyContext {
  db: Kysely<Schema>;
  adapter: DirectoryAdapter;
  runId: string;
  flowId: string;
  sourceSystemId: string;
  settings: UserFlowSettings;
  options: EngineOptions;
  /** Decrypts a sealed password, only to hand it to the directory. */
  reveal: (sealed: string) => string;
  onProgress?: (p: EngineProgress) => void;
}

export interface ApplyOutcome {
  results: ResultRow[];
  /** Directory writes that succeeded: creates, updates, licence assignments. */
  writes: number;
}

/**
 * The only place with effects. Creates are journaled before they are sent and linked right after, and every
 * created account carries its anchor, so a run killed mid-way is finished by the next one (which finds the accounts
 * by anchor) without creating anything twice.
 */
export async function applyPlan(
  rows: readonly PlanRow[],
  prepared: ReadonlyMap<string, Prepared>,
  ctx: ApplyContext,
): Promise<ApplyOutcome> {
  const results = rows.map(toResult);
  const bySourcedId = new Map(results.map((r) => [r.sourcedId, r]));
  const inFlight = await createsInFlight(ctx.db, ctx.flowId);
  const revealed = new Map<string, string>();
  const reveal = (sealed: string) => revealed.get(sealed) ?? revealed.set(sealed, ctx.reveal(sealed)).get(sealed)!;
  let writes = 0;
  writes += await applyCreates(
    results.filter((r) => r.decision === 'create'),
    prepared,
    { ...ctx, reveal },
  );
  await storeLinks(
    results.filter((r) => r.decision === 'link' && r.accountId),
    prepared,
    ctx,
  );
  writes += await applyUpdates(
    results.filter((r) => (r.decision === 'link' || r.decision === 'update') && Object.keys(r.changes).length > 0),
    ctx,
  );
  if (inFlight.size > 0) {
    writes += await assignLicenses(
      results.filter((r) => inFlight.has(r.sourcedId) && isInterruptedCreate(r)),
      ctx,
    );
    // Every creation this plan saw is settled now: finished above, redone by this run, or no longer wanted.
    await endCreates(
      ctx.db,
      ctx.flowId,
      [...inFlight].filter((id) => bySourcedId.has(id)),
    );
  }
  return { results: [...bySourcedId.values()], writes };
}

/**
 * Whether a row whose creation is still journaled from an earlier, interrupted run is that creation's account: the
 * person is linked now (only the interrupted run can have stored the link, since every run settles the journal of
 * the people it plans), or the plan found the account by the anchor it was created with. Such an account still
 * needs what creation gives after the account itself: its licences. An account matched by the rule instead (its
 * anchor still to be written) was not created by us and gets none.
 */
function isInterruptedCreate(row: ResultRow): boolean {
  if (!row.accountId || row.outcome === 'failed') return false;
  if (row.decision === 'noop' || row.decision === 'update') return true;
  return row.decision === 'link' && !('anchor' in row.changes);
}

/** Every field written out: a literal of one shape is far cheaper than spreading 100 000 plan rows. */
function toResult(r: PlanRow): ResultRow {
  return {
    sourcedId: r.sourcedId,
    roleGroup: r.roleGroup,
    role: r.role,
    rule: r.rule,
    candidateIds: r.candidateIds,
    decision: r.decision,
    reason: r.reason,
    plannedUpn: r.plannedUpn,
    changes: r.changes,
    accountId: r.accountId,
    outcome: outcomeOf(r),
    errorCode: null,
    errorMessage: null,
  };
}

function outcomeOf(r: PlanRow): ResultRow['outcome'] {
  if (r.decision === 'noop' || r.decision === 'skip') return 'unchanged';
  if (r.decision === 'conflict') return 'notApplied';
  if (r.decision === 'link' && Object.keys(r.changes).length === 0) return 'applied';
  return 'planned';
}

async function applyCreates(
  rows: ResultRow[],
  prepared: ReadonlyMap<string, Prepared>,
  ctx: ApplyContext,
): Promise<number> {
  let writes = 0;
  for (let i = 0; i < rows.length; i += APPLY_BATCH) {
    const batch = rows.slice(i, i + APPLY_BATCH);
    ctx.onProgress?.({ step: 'create', done: i, total: rows.length });
    const inputs = batch.map((r) => newAccount(r, prepared.get(r.sourcedId)!, ctx));
    await journalCreates(ctx.db, journalKey(ctx), batch.map(entry));
    const created = await guarded(ctx.adapter.createAccounts(inputs), batch.length);
    const newLinks: Link[] = [];
    created.forEach((res, j) => {
      const row = batch[j];
      if (!res.ok) return fail(row, res.error);
      writes++;
      row.accountId = res.value.id;
      row.candidateIds = [res.value.id];
      row.outcome = 'applied';
      newLinks.push({
        sourceSystemId: ctx.sourceSystemId,
        sourcedId: row.sourcedId,
        accountId: res.value.id,
        roleGroup: row.roleGroup!,
        // The account was just created with every desired attribute: the next run need not read it back.
        fingerprint: prepared.get(row.sourcedId)?.fingerprint ?? null,
        accountStamp: res.value.stamp ?? null,
      });
    });
    const applied = batch.filter((r) => r.outcome === 'applied');
    await new LinkRepository(ctx.db).upsert(newLinks, graphNow());
    writes += await assignLicenses(applied, ctx);
    await endCreates(
      ctx.db,
      ctx.flowId,
      batch.map((r) => r.sourcedId),
    );
  }
  ctx.onProgress?.({ step: 'create', done: rows.length, total: rows.length });
  return writes;
}

const journalKey = (ctx: ApplyContext) => ({ runId: ctx.runId, flowId: ctx.flowId });
const entry = (r: ResultRow) => ({ sourcedId: r.sourcedId, upn: r.plannedUpn });

async function assignLicenses(rows: ResultRow[], ctx: ApplyContext): Promise<number> {
  if (!ctx.adapter.capabilities.licenses) return 0;
  const wanted = rows
    .map((r) => ({ row: r, skus: ctx.settings.creation.get(r.roleGroup!)?.licenseSkus ?? [] }))
    .filter((w) => w.skus.length > 0);
  if (wanted.length === 0) return 0;
  const res = await guarded(
    ctx.adapter.assignLicenses(wanted.map((w) => ({ id: w.row.accountId!, skus: w.skus }))),
    wanted.length,
  );
  let writes = 0;
  res.forEach((r, i) => {
    if (r.ok) {
      writes++;
      return;
    }
    // The account exists and is linked; only the licence is missing, which the next run does not retry by itself.
    wanted[i].row.errorCode = r.error.code;
    wanted[i].row.errorMessage = `Account created; licence not assigned: ${r.error.message}`;
  });
  return writes;
}

async function storeLinks(
  rows: ResultRow[],
  prepared: ReadonlyMap<string, Prepared>,
  ctx: ApplyContext,
): Promise<void> {
  const links: Link[] = rows.map((r) => ({
    sourceSystemId: ctx.sourceSystemId,
    sourcedId: r.sourcedId,
    accountId: r.accountId!,
    roleGroup: r.roleGroup ?? prepared.get(r.sourcedId)?.eff?.group.id ?? 'unknown',
  }));
  await new LinkRepository(ctx.db).upsert(links, graphNow());
}

async function applyUpdates(rows: ResultRow[], ctx: ApplyContext): Promise<number> {
  let writes = 0;
  for (let i = 0; i < rows.length; i += APPLY_BATCH) {
    const batch = rows.slice(i, i + APPLY_BATCH);
    ctx.onProgress?.({ step: 'update', done: i, total: rows.length });
    const updates = batch.map((r) => ({
      id: r.accountId!,
      changes: targetsOf(r.changes),
    }));
    const res = await guarded(ctx.adapter.updateAccounts(updates), batch.length);
    res.forEach((r, j) => {
      if (!r.ok) return fail(batch[j], r.error);
      writes++;
      batch[j].outcome = 'applied';
    });
  }
  ctx.onProgress?.({ step: 'update', done: rows.length, total: rows.length });
  return writes;
}

function newAccount(row: PlanRow, p: Prepared, ctx: ApplyContext): NewAccount {
  const person = p.person;
  const sealed = person.sealedPassword ?? ctx.settings.creation.get(p.eff!.group.id)?.sealedPassword;
  // Built as one literal, then the desired attributes added: spreading objects here costs seconds per 100 000.
  const account: NewAccount = {
    userPrincipalName: row.plannedUpn!,
    displayName: `${person.givenName} ${person.familyName}`,
    givenName: person.givenName,
    surname: person.familyName,
    mailNickname: mailNicknameOf(row.plannedUpn!),
    mail: p.rule?.matchTarget === 'mail' ? p.value : null,
    accountEnabled: true,
    usageLocation: ctx.options.usageLocation,
    password: ctx.reveal(sealed!),
    forceChangePasswordNextSignIn: true,
  };
  return Object.assign(account, targetsOf(row.changes));
}

/** The values changes lead to, by attribute. */
function targetsOf(changes: PlanRow['changes']): Partial<ManagedAttributes> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(changes)) out[key] = changes[key].to;
  return out as Partial<ManagedAttributes>;
}

function fail(row: ResultRow, error: DirectoryError): void {
  row.outcome = 'failed';
  row.errorCode = error.code;
  row.errorMessage = error.message;
}

/** A whole batch failing (target down) fails each item with the same coded error instead of aborting the run. */
async function guarded<T>(call: Promise<BatchResult<T>[]>, size: number): Promise<BatchResult<T>[]> {
  try {
    return await call;
  } catch (err) {
    const error = err instanceof DirectoryError ? err : new DirectoryError('Unavailable', String(err));
    return Array.from({ length: size }, () => ({ ok: false as const, error }));
  }
}
