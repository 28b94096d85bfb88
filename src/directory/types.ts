import type { DirectoryError } from './errors.js';

/** Graph `ageGroup`: how the directory treats the user for legal-age purposes. */
export type AgeGroup = 'minor' | 'notAdult' | 'adult';

/** Graph `consentProvidedForMinor`. */
export type MinorConsent = 'granted' | 'denied' | 'notRequired';

/** A contact (guardian, parent…) of a student; the shape of Graph beta's `educationUser.relatedContacts`. */
export interface RelatedContact {
  displayName: string;
  emailAddress: string | null;
  mobilePhone: string | null;
  /** e.g. `parent`, `guardian`, `relative` (`educationContactRelationship`). */
  relationship: string;
  accessConsent: boolean | null;
}

/**
 * The attributes the provisioning engine owns and may change on an existing account (spec §3.2, §4).
 * The userPrincipalName is deliberately not among them: SDS never renames an account it matched.
 */
export interface ManagedAttributes {
  displayName: string;
  givenName: string | null;
  surname: string | null;
  mail: string | null;
  mailNickname: string;
  accountEnabled: boolean;
  /** ISO 3166-1 alpha-2; required before a licence can be assigned. */
  usageLocation: string | null;
  ageGroup: AgeGroup | null;
  consentProvidedForMinor: MinorConsent | null;
  employeeId: string | null;
  /** The education anchor that links the account to its roster record, e.g. `User_<sourcedId>` (spec §2.5). */
  anchor: string | null;
  /** Zero-padded grade level, e.g. `01` (`userGradeLevel`). */
  grade: string | null;
  /** Student number (`userNumber`). */
  userNumber: string | null;
  relatedContacts: RelatedContact[];
}

/** An account as the directory holds it. */
export interface DirectoryAccount extends ManagedAttributes {
  /** The directory's object id (a GUID for Entra and the embedded directory). */
  id: string;
  userPrincipalName: string;
  assignedLicenses: { skuId: string }[];
  createdDateTime: string;
  lastModifiedDateTime: string;
  /** Changes whenever the account does (the embedded directory's row version); absent where a target has none. */
  stamp?: string;
}

/** What `readStamps` returns per account: enough to plan an unchanged person without reading the account. */
export interface AccountStamp {
  stamp: string;
  userPrincipalName: string;
}

/** What creating an account needs: a UPN, a display name and an initial password; the rest has defaults. */
export type NewAccount = Partial<ManagedAttributes> & {
  userPrincipalName: string;
  displayName: string;
  /** Initial password; adapters store only a one-way hash and never log or return it. */
  password: string;
  forceChangePasswordNextSignIn: boolean;
};

/** The directory attributes a candidate search can look up. */
export type CandidateAttribute = 'userPrincipalName' | 'mail' | 'anchor' | 'id';

/** The outcome of one item of a batch; results are returned in the order of the inputs. */
export type BatchResult<T> = { ok: true; value: T } | { ok: false; error: DirectoryError };

/** What a directory target can do; the engine skips (and reports) work a target cannot take. */
export interface DirectoryCapabilities {
  /** Accounts can be created with an initial password. */
  passwords: boolean;
  /** Licence SKUs can be assigned. */
  licenses: boolean;
  /** Changes since a point in time can be read (delta queries) instead of full reads. */
  delta: boolean;
  /** The education anchor attribute can be written and searched. */
  anchors: boolean;
}

/**
 * The one interface the provisioning engine uses for every directory target (embedded, Microsoft Graph, LDAP).
 * Every method is batch-oriented: one call carries many accounts and costs a bounded number of round trips, so a
 * run over 100 000 people never issues one request per person. Failures of a single item come back as a coded
 * `BatchResult` error; a failure of the whole call (backend down) is thrown as a `DirectoryError`.
 */
export interface DirectoryAdapter {
  /** What this target supports. */
  readonly capabilities: DirectoryCapabilities;

  /**
   * Finds the accounts whose `attribute` equals any of `values`, case-insensitively (as Entra compares UPN and
   * mail). Large inputs are split into chunks with one query per chunk, never one per value.
   * @returns a map from each requested value, lower-cased, to every account carrying it: empty for no match,
   *   several for an ambiguous value (the engine's "ambiguous match" error, spec §2.4). Callers trim values.
   */
  findCandidates(keys: { attribute: CandidateAttribute; values: string[] }): Promise<Map<string, DirectoryAccount[]>>;

  /**
   * Creates accounts. A UPN that already exists (or repeats within the batch) fails that item with `Conflict`;
   * a value the directory rejects fails it with `InvalidConfig`; the other items are still created.
   */
  createAccounts(inputs: NewAccount[]): Promise<BatchResult<DirectoryAccount>[]>;

  /**
   * Changes only the managed attributes named in each `changes` object; everything else on the account is
   * left as it is. An unknown id fails that item with `NotFound`.
   */
  updateAccounts(updates: { id: string; changes: Partial<ManagedAttributes> }[]): Promise<BatchResult<void>[]>;

  /**
   * Adds licences to accounts. A SKU may be named by its `skuId` GUID or its `skuPartNumber`. Each item is all or
   * nothing: no seats left on any of its SKUs fails it with `QuotaExceeded`, an unknown SKU or an account
   * without usageLocation with `InvalidConfig`, an unknown account with `NotFound`. Licences already held are
   * kept and consume no further seat.
   */
  assignLicenses(assignments: { id: string; skus: string[] }[]): Promise<BatchResult<void>[]>;

  /**
   * Reads accounts by education anchor (case-insensitive, like Entra's attribute filters).
   * @returns a map keyed by each anchor exactly as passed; anchors without an account are absent. If several
   *   accounts carry one anchor, an exact-case match wins, then the oldest; use `findCandidates` to see them all.
   */
  readByAnchor(anchors: string[]): Promise<Map<string, DirectoryAccount>>;

  /**
   * Reads accounts by id, e.g. to re-validate stored links.
   * @returns a map keyed by each id as passed; an id missing from the map names a deleted account.
   */
  getAccounts(ids: string[]): Promise<Map<string, DirectoryAccount>>;

  /**
   * Optional, for targets that keep a change stamp per account: reads only each account's stamp and UPN, far
   * cheaper than `getAccounts`. The engine then reads in full only the accounts whose stamp moved since it last
   * confirmed them. Targets without a dependable stamp leave this out and are always read in full.
   * @returns a map keyed by each id as passed; an id missing from the map names a deleted account.
   */
  readStamps?(ids: string[]): Promise<Map<string, AccountStamp>>;
}
