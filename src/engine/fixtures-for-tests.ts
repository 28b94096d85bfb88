/**
 * Hand-built engine inputs for the unit tests beside the source: people, role groups, rules, settings, accounts
 * and lookups. Only tests import this module.
 */
import type { DirectoryAccount } from '../directory/types.js';
import type { MatchLookups, PlanInput, Resolution } from './plan.js';
import {
  DEFAULT_ENGINE_OPTIONS,
  type MatchingRule,
  type PersonRole,
  type RoleGroupDef,
  type RosterPerson,
  type UserFlowSettings,
} from './types.js';

export const STAFF: RoleGroupDef = {
  id: 'staff',
  displayName: 'Staff',
  roles: new Set(['teacher', 'principal', 'aide', 'staff', 'administrator']),
};
export const STUDENTS: RoleGroupDef = { id: 'students', displayName: 'Students', roles: new Set(['student']) };
export const GROUPS: readonly RoleGroupDef[] = [STAFF, STUDENTS];

export function rule(roleGroupId: string, over: Partial<MatchingRule> = {}): MatchingRule {
  return {
    roleGroupId,
    sourceIdentifier: 'username',
    matchTarget: 'userPrincipalName',
    domainName: 'contoso.edu',
    priorityOrder: roleGroupId === 'staff' ? 0 : 1,
    ...over,
  };
}

export const RULES: ReadonlyMap<string, MatchingRule> = new Map([
  ['staff', rule('staff')],
  ['students', rule('students')],
]);

export function role(name: string, over: Partial<PersonRole> = {}): PersonRole {
  return { orgSourcedId: 'org-1', role: name, grade: null, isPrimary: null, ...over };
}

export function person(sourcedId: string, over: Partial<RosterPerson> = {}): RosterPerson {
  return {
    sourcedId,
    username: `user${sourcedId}`,
    givenName: 'Given',
    familyName: `Family${sourcedId}`,
    email: null,
    activeDirectoryMatchId: null,
    userNumber: null,
    sealedPassword: null,
    roles: [role('student', { grade: '05', isPrimary: true })],
    contacts: [],
    ...over,
  };
}

export function settings(over: Partial<UserFlowSettings> = {}): UserFlowSettings {
  return {
    createUnmatchedUsers: true,
    creation: new Map([
      ['staff', { sealedPassword: 'sealed-staff', licenseSkus: ['sku-staff'] }],
      ['students', { sealedPassword: 'sealed-students', licenseSkus: ['sku-students'] }],
    ]),
    gradeLevel: false,
    userNumber: false,
    studentAgeGroup: null,
    allowStudentContactAssociation: false,
    orgFilter: null,
    ...over,
  };
}

let accountSeq = 0;

export function account(upn: string, over: Partial<DirectoryAccount> = {}): DirectoryAccount {
  accountSeq++;
  return {
    id: `acc-${accountSeq}`,
    userPrincipalName: upn,
    displayName: upn,
    givenName: null,
    surname: null,
    mail: null,
    mailNickname: upn.split('@')[0],
    accountEnabled: true,
    usageLocation: null,
    ageGroup: null,
    consentProvidedForMinor: null,
    employeeId: null,
    anchor: null,
    grade: null,
    userNumber: null,
    relatedContacts: [],
    assignedLicenses: [],
    createdDateTime: '2025-01-01T00:00:00Z',
    lastModifiedDateTime: '2025-01-01T00:00:00Z',
    ...over,
  };
}

/** Lookups as gatherLookups would return them for a directory holding `accounts` and these links. */
export function lookupsFor(
  accounts: readonly DirectoryAccount[],
  opts: {
    /** sourcedId → account id (an id of no account in `accounts` names a deleted account). */
    links?: Record<string, string>;
    /** account id → owner sourcedId, for links of other people or source systems. */
    otherOwners?: Record<string, string>;
    resolutions?: Record<string, Resolution>;
  } = {},
): MatchLookups {
  const byId = new Map(accounts.map((a) => [a.id, a]));
  const linked = new Map(
    Object.entries(opts.links ?? {}).map(([sourcedId, accountId]) => [
      sourcedId,
      { accountId, account: byId.get(accountId) ?? null },
    ]),
  );
  const byAnchor = new Map(accounts.filter((a) => a.anchor).map((a) => [a.anchor!, a]));
  const candidates = new Map<string, Map<string, DirectoryAccount[]>>();
  for (const target of ['userPrincipalName', 'mail'] as const) {
    const byValue = new Map<string, DirectoryAccount[]>();
    for (const a of accounts) {
      const value = (target === 'mail' ? a.mail : a.userPrincipalName)?.toLowerCase();
      if (!value) continue;
      byValue.set(value, [...(byValue.get(value) ?? []), a]);
    }
    candidates.set(target, byValue);
  }
  const linkOwners = new Map<string, string>(Object.entries(opts.otherOwners ?? {}));
  for (const [sourcedId, accountId] of Object.entries(opts.links ?? {})) linkOwners.set(accountId, sourcedId);
  return {
    linked,
    byAnchor,
    candidates,
    linkOwners,
    resolutions: new Map(Object.entries(opts.resolutions ?? {})),
    resolvedAccounts: byId,
  };
}

export function planInput(over: Partial<PlanInput> & Pick<PlanInput, 'people'>): PlanInput {
  return {
    departed: [],
    groups: GROUPS,
    rules: RULES,
    settings: settings(),
    options: DEFAULT_ENGINE_OPTIONS,
    lookups: lookupsFor([]),
    ...over,
  };
}
