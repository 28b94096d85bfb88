import type { AgeGroup, RelatedContact } from '../directory/types.js';

/** One active role of a person in the roster (lake_roles). */
export interface PersonRole {
  orgSourcedId: string;
  role: string;
  grade: string | null;
  isPrimary: boolean | null;
}

/** A person the flow acts on, with what matching and provisioning need. */
export interface RosterPerson {
  sourcedId: string;
  username: string;
  givenName: string | null;
  familyName: string | null;
  email: string | null;
  activeDirectoryMatchId: string | null;
  userNumber: string | null;
  /** Per-row password from the roster, sealed; null when the roster has none. */
  sealedPassword: string | null;
  roles: PersonRole[];
  contacts: RelatedContact[];
}

export interface RoleGroupDef {
  id: string;
  displayName: string;
  roles: ReadonlySet<string>;
}

export type SourceIdentifier = 'username' | 'email' | 'activeDirectoryMatchId' | 'sourcedId';
export type MatchTarget = 'userPrincipalName' | 'mail';

/** A source system's identity rule for one role group. */
export interface MatchingRule {
  roleGroupId: string;
  sourceIdentifier: SourceIdentifier;
  matchTarget: MatchTarget;
  domainName: string | null;
  priorityOrder: number;
}

export interface CreationConfig {
  /** The role group's default password, sealed; null when none is configured. */
  sealedPassword: string | null;
  licenseSkus: string[];
}

/** A userProvisioningFlow's settings, read once per run. */
export interface UserFlowSettings {
  createUnmatchedUsers: boolean;
  creation: ReadonlyMap<string, CreationConfig>;
  gradeLevel: boolean;
  userNumber: boolean;
  studentAgeGroup: AgeGroup | null;
  allowStudentContactAssociation: boolean;
  /** Orgs in scope (basicFilter on orgExternalId); null = every org. */
  orgFilter: ReadonlySet<string> | null;
}

/** rosterlink's own engine options (not part of the Graph model). */
export interface EngineOptions {
  /** ISO country for created accounts; Entra needs one before licences can be assigned. */
  usageLocation: string;
  /** What happens to linked accounts whose person left the roster. */
  deprovision: 'none' | 'disable';
}

export const DEFAULT_ENGINE_OPTIONS: EngineOptions = { usageLocation: 'US', deprovision: 'none' };

/** Every decision a plan row can carry, in the order reports and the console show them. */
export const DECISIONS = ['create', 'link', 'update', 'noop', 'conflict', 'skip'] as const;
export type Decision = (typeof DECISIONS)[number];

export interface AttributeChange {
  from: unknown;
  to: unknown;
}

/** One row per person: what the engine decided and why. Plans and run results share this shape. */
export interface PlanRow {
  sourcedId: string;
  roleGroup: string | null;
  role: string | null;
  /** e.g. `username → userPrincipalName (+@contoso.edu)`. */
  rule: string | null;
  candidateIds: string[];
  decision: Decision;
  reason: string;
  plannedUpn: string | null;
  changes: Record<string, AttributeChange>;
  /** The account the row acts on (linked, matched or, after apply, created). */
  accountId: string | null;
}

/** How a row ended when applied. */
export interface ResultRow extends PlanRow {
  outcome: 'planned' | 'applied' | 'unchanged' | 'failed' | 'notApplied';
  errorCode: string | null;
  errorMessage: string | null;
}
