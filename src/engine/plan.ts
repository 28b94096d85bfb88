import type { DirectoryAccount, ManagedAttributes } from '../directory/types.js';
import { diffAttributes, fingerprintOf, managedAttributes } from './desired.js';
import { anchorOf, describeRule, identityValue, isValidUpn } from './identity.js';
import { effectiveRole, type EffectiveRole } from './role-groups.js';
import type {
  AttributeChange,
  EngineOptions,
  MatchingRule,
  PlanRow,
  RoleGroupDef,
  RosterPerson,
  UserFlowSettings,
} from './types.js';

/** An operator's answer to a conflict (console "conflicts queue"): link to this account, or create a new one. */
export interface Resolution {
  resolution: 'account' | 'create';
  accountId: string | null;
}

/** Everything the directory and the store said, fetched in bulk before planning. */
export interface MatchLookups {
  /** Existing links of this source system: sourcedId → account (null = the linked account was deleted). */
  linked: ReadonlyMap<string, { accountId: string; account: DirectoryAccount | null }>;
  /**
   * Linked people whose account is as the engine last confirmed it (same change stamp) and whose desired
   * attributes are unchanged (same fingerprint): nothing to do, so their accounts were not read. Absent = none.
   */
  unchanged?: ReadonlyMap<string, { accountId: string; userPrincipalName: string }>;
  /** Accounts carrying a person's anchor (`User_<sourcedId>`), keyed by anchor. */
  byAnchor: ReadonlyMap<string, DirectoryAccount>;
  /** Rule candidates: match target → lower-cased value → accounts. */
  candidates: ReadonlyMap<string, ReadonlyMap<string, DirectoryAccount[]>>;
  /** Who (sourcedId) already owns a link to an account, for candidate and anchor accounts. */
  linkOwners: ReadonlyMap<string, string>;
  resolutions: ReadonlyMap<string, Resolution>;
  /** Accounts named by resolutions. */
  resolvedAccounts: ReadonlyMap<string, DirectoryAccount>;
}

export interface PlanInput {
  people: readonly RosterPerson[];
  /** Linked people no longer in scope (left the roster or the flow set's orgs). */
  departed: readonly { sourcedId: string; account: DirectoryAccount | null }[];
  groups: readonly RoleGroupDef[];
  rules: ReadonlyMap<string, MatchingRule>;
  settings: UserFlowSettings;
  options: EngineOptions;
  lookups: MatchLookups;
}

/** Per-person context the planner works out before deciding, also used to build lookups. */
export interface Prepared {
  person: RosterPerson;
  eff: EffectiveRole | null;
  rule: MatchingRule | null;
  value: string | null;
  /**
   * The managed attributes the person's account should carry; null without a role group, or when they were not
   * kept (see `prepare`) — `desiredOf` then works them out again.
   */
  desired: Partial<ManagedAttributes> | null;
  /** A digest of `desired`, kept with the link once the account is confirmed to carry them. */
  fingerprint: string | null;
}

/**
 * Works out each person's role group, rule, identity value and desired attributes. `keep` says whose desired
 * attributes to hold on to: a re-run drops those of people whose fingerprint is unchanged (most of a district),
 * since holding 100 000 attribute objects until the run ends costs more garbage collection than re-deriving the
 * few that turn out to be needed.
 */
export function prepare(
  people: readonly RosterPerson[],
  groups: readonly RoleGroupDef[],
  rules: ReadonlyMap<string, MatchingRule>,
  settings: UserFlowSettings,
  keep: (sourcedId: string, fingerprint: string) => boolean = () => true,
): Prepared[] {
  return people.map((person) => {
    const eff = effectiveRole(person.roles, groups, rules);
    const rule = eff ? (rules.get(eff.group.id) ?? null) : null;
    const desired = eff ? managedAttributes(person, eff, settings) : null;
    const fingerprint = desired ? fingerprintOf(desired) : null;
    return {
      person,
      eff,
      rule,
      value: rule ? identityValue(person, rule) : null,
      desired: desired && keep(person.sourcedId, fingerprint!) ? desired : null,
      fingerprint,
    };
  });
}

/** A prepared person's desired attributes (the person has a role group). */
function desiredOf(p: Prepared, settings: UserFlowSettings): Partial<ManagedAttributes> {
  return p.desired ?? managedAttributes(p.person, p.eff!, settings);
}

/**
 * Decides, without side effects, what happens to every person: link, create, update, noop, conflict or skip.
 * Links and anchors are honoured before rules; an account is never given to two people; nothing is created for
 * an ambiguous or taken match (spec §2.4–§3.3).
 */
export function plan(
  input: PlanInput,
  prepared = prepare(input.people, input.groups, input.rules, input.settings),
): PlanRow[] {
  const claims = new Map<string, string>(); // accountId → sourcedId, within this plan
  const claimedUpns = new Map<string, string>(); // lower UPN → sourcedId, for creates
  const rows = new Map<string, PlanRow>();
  const { lookups } = input;

  // Pass 1: people already tied to an account (link, operator resolution, anchor) claim it first.
  for (const p of prepared) {
    const base = baseRow(p);
    if (!p.eff) {
      rows.set(
        p.person.sourcedId,
        Object.assign(base, {
          decision: 'skip',
          reason: `No role group contains the roles ${roleList(p.person)}.`,
        }),
      );
      continue;
    }
    const same = lookups.unchanged?.get(p.person.sourcedId);
    if (same) {
      claims.set(same.accountId, p.person.sourcedId);
      rows.set(
        p.person.sourcedId,
        Object.assign(base, {
          decision: 'noop',
          reason: LINKED,
          plannedUpn: same.userPrincipalName,
          accountId: same.accountId,
          candidateIds: [same.accountId],
        }),
      );
      continue;
    }
    const link = lookups.linked.get(p.person.sourcedId);
    if (link?.account) {
      claims.set(link.account.id, p.person.sourcedId);
      rows.set(p.person.sourcedId, existing(base, p, link.account, input, LINKED, false));
      continue;
    }
    const resolution = lookups.resolutions.get(p.person.sourcedId);
    const resolved = resolution?.accountId ? lookups.resolvedAccounts.get(resolution.accountId) : undefined;
    if (resolved && !ownedByOther(lookups, claims, resolved.id, p.person.sourcedId)) {
      claims.set(resolved.id, p.person.sourcedId);
      rows.set(p.person.sourcedId, existing(base, p, resolved, input, 'Linked as resolved by an operator.', true));
      continue;
    }
    const anchored = lookups.byAnchor.get(anchorOf(p.person.sourcedId));
    if (anchored && !ownedByOther(lookups, claims, anchored.id, p.person.sourcedId)) {
      claims.set(anchored.id, p.person.sourcedId);
      const why = link
        ? 'The linked account was deleted; an account with the person’s anchor was found.'
        : 'The account carries the person’s anchor.';
      rows.set(p.person.sourcedId, existing(base, p, anchored, input, why, true));
    }
  }

  // Pass 2: everyone else by the identity rule of their role group.
  for (const p of prepared) {
    if (rows.has(p.person.sourcedId)) continue;
    rows.set(p.person.sourcedId, byRule(p, input, claims, claimedUpns));
  }

  const out = prepared.map((p) => rows.get(p.person.sourcedId)!);
  for (const d of input.departed) out.push(departedRow(d, input.options));
  return out;
}

function byRule(p: Prepared, input: PlanInput, claims: Map<string, string>, claimedUpns: Map<string, string>): PlanRow {
  const base = baseRow(p);
  const { lookups, settings } = input;
  const deletedNote = input.lookups.linked.has(p.person.sourcedId) ? 'The linked account was deleted. ' : '';
  if (!p.rule) {
    return Object.assign(base, {
      decision: 'skip',
      reason: `The source system has no matching rule for role group '${p.eff!.group.id}'.`,
    });
  }
  if (!p.value) {
    return Object.assign(base, {
      decision: 'conflict',
      reason: `The person has no ${p.rule.sourceIdentifier}, which the ${p.eff!.group.id} rule matches on.`,
    });
  }
  const forceCreate = lookups.resolutions.get(p.person.sourcedId)?.resolution === 'create';
  const candidates = forceCreate ? [] : (lookups.candidates.get(p.rule.matchTarget)?.get(p.value.toLowerCase()) ?? []);
  const candidateIds = candidates.map((c) => c.id);
  if (candidates.length > 1) {
    return Object.assign(base, {
      candidateIds,
      decision: 'conflict',
      reason: `Ambiguous match: ${candidates.length} accounts have ${p.rule.matchTarget} '${p.value}'.`,
    });
  }
  if (candidates.length === 1) {
    const account = candidates[0];
    const owner = claims.get(account.id) ?? lookups.linkOwners.get(account.id);
    if (owner && owner !== p.person.sourcedId) {
      return Object.assign(base, {
        candidateIds,
        decision: 'conflict',
        reason: `The matching account is already linked to person '${owner}'.`,
      });
    }
    claims.set(account.id, p.person.sourcedId);
    return {
      ...existing(base, p, account, input, `${deletedNote}Matched by ${p.rule.matchTarget}.`, true),
      candidateIds,
    };
  }
  if (!settings.createUnmatchedUsers) {
    return Object.assign(base, {
      decision: 'skip',
      reason: `${deletedNote}No account matches and createUnmatchedUsers is off.`,
    });
  }
  return creation(
    base,
    p,
    input,
    claimedUpns,
    forceCreate ? 'Created as resolved by an operator.' : `${deletedNote}No account matches.`,
  );
}

function creation(
  base: PlanRow,
  p: Prepared,
  input: PlanInput,
  claimedUpns: Map<string, string>,
  why: string,
): PlanRow {
  const group = p.eff!.group.id;
  const config = input.settings.creation.get(group);
  const upn = p.value!;
  if (!config)
    return Object.assign(base, {
      decision: 'conflict',
      reason: `Unmatched, and the flow has no creation configuration for role group '${group}'.`,
    });
  if (!config.sealedPassword && !p.person.sealedPassword) {
    return Object.assign(base, {
      decision: 'conflict',
      reason: `Unmatched, and role group '${group}' has no default password.`,
    });
  }
  if (!p.person.givenName || !p.person.familyName) {
    return Object.assign(base, {
      decision: 'conflict',
      reason: 'Unmatched, and givenName and familyName are required to create an account.',
    });
  }
  if (!isValidUpn(upn)) {
    return Object.assign(base, {
      decision: 'conflict',
      reason: `Unmatched, and '${upn}' is not a valid userPrincipalName (set the rule's domainName?).`,
    });
  }
  const other = claimedUpns.get(upn.toLowerCase());
  if (other)
    return Object.assign(base, {
      decision: 'conflict',
      reason: `Person '${other}' resolves to the same userPrincipalName '${upn}'.`,
    });
  claimedUpns.set(upn.toLowerCase(), p.person.sourcedId);
  const changes: Record<string, AttributeChange> = {};
  for (const [k, v] of Object.entries(desiredOf(p, input.settings))) changes[k] = { from: null, to: v };
  return Object.assign(base, {
    decision: 'create',
    reason: `${why} A new account will be created.`,
    plannedUpn: upn,
    changes,
  });
}

/** A person tied to an existing account: link it (when new) and bring managed attributes up to date. */
function existing(
  base: PlanRow,
  p: Prepared,
  account: DirectoryAccount,
  input: PlanInput,
  why: string,
  newLink: boolean,
): PlanRow {
  const changes = diffAttributes(account, desiredOf(p, input.settings));
  const decision = newLink ? 'link' : Object.keys(changes).length > 0 ? 'update' : 'noop';
  const what = Object.keys(changes).length > 0 ? ` Update ${Object.keys(changes).join(', ')}.` : '';
  return Object.assign(base, {
    decision,
    reason: `${why}${what}`,
    plannedUpn: account.userPrincipalName,
    changes,
    accountId: account.id,
    candidateIds: [account.id],
  });
}

function departedRow(d: PlanInput['departed'][number], options: EngineOptions): PlanRow {
  const row: PlanRow = {
    sourcedId: d.sourcedId, roleGroup: null, role: null, rule: null, candidateIds: d.account ? [d.account.id] : [],
    decision: 'skip', reason: '', plannedUpn: d.account?.userPrincipalName ?? null, changes: {}, accountId: d.account?.id ?? null,
  }; // prettier-ignore
  if (!d.account)
    return Object.assign(row, { reason: 'No longer in the roster; the linked account no longer exists.' });
  if (options.deprovision === 'disable' && d.account.accountEnabled) {
    return Object.assign(row, {
      decision: 'update',
      reason: 'No longer in the roster: disable the account.',
      changes: { accountEnabled: { from: true, to: false } },
    });
  }
  return Object.assign(row, {
    reason: `No longer in the roster; deprovision policy '${options.deprovision}' leaves the account as it is.`,
  });
}

function baseRow(p: Prepared): PlanRow {
  return {
    sourcedId: p.person.sourcedId,
    roleGroup: p.eff?.group.id ?? null,
    role: p.eff?.role.role ?? p.person.roles[0]?.role ?? null,
    rule: p.rule ? describeRule(p.rule) : null,
    candidateIds: [],
    decision: 'skip',
    reason: '',
    plannedUpn: null,
    changes: {},
    accountId: null,
  };
}

function ownedByOther(
  lookups: MatchLookups,
  claims: Map<string, string>,
  accountId: string,
  sourcedId: string,
): boolean {
  const owner = claims.get(accountId) ?? lookups.linkOwners.get(accountId);
  return owner !== undefined && owner !== sourcedId;
}

const LINKED = 'Linked by an earlier run.';

const roleList = (p: RosterPerson) => (p.roles.length ? p.roles.map((r) => `'${r.role}'`).join(', ') : '(none)');
