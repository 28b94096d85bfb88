import { defaultNickname } from '../embedded/mapping.js';
import type {
  AgeGroup,
  DirectoryAccount,
  ManagedAttributes,
  MinorConsent,
  NewAccount,
  RelatedContact,
} from '../types.js';

/**
 * Pure translation between Microsoft Graph `user` JSON and directory accounts, plus the `$filter` text the adapter
 * sends. No I/O here.
 */

/** The SDS application's directory-extension prefix: SDS keeps its education data in these properties. */
export const SDS_EXTENSION_PREFIX = 'extension_fe2174665583431c953114ff7268b7b3_';

/** Where the education attributes live on a Graph user. */
export interface GraphPropertyNames {
  /** A directory extension property (string); searched with `eq`. */
  anchor: string;
  /** Null: not written or read. */
  grade: string | null;
  userNumber: string | null;
  /**
   * `relatedContacts` (rosterlink's /v1.0 collection property), an `extension_…` property (the list is stored as a
   * JSON string, as a directory extension holds no complex values), or null (not synced, e.g. on a real tenant
   * without such an extension).
   */
  relatedContacts: string | null;
}

/** The names rosterlink's own /v1.0 surface serves (`src/api/graph/directory/user-model.ts`); SDS's anchor. */
export const DEFAULT_PROPERTY_NAMES: GraphPropertyNames = {
  anchor: `${SDS_EXTENSION_PREFIX}Education_AnchorId`,
  grade: `${SDS_EXTENSION_PREFIX}Education_Grade`,
  userNumber: `${SDS_EXTENSION_PREFIX}Education_StudentNumber`,
  relatedContacts: 'relatedContacts',
};

/** Graph's limit on the values of one `in (...)` and on `or`-ed clauses of one filter. */
export const FILTER_CHUNK = 15;

/** A Graph user as JSON (only the properties the adapter reads). */
export type GraphUser = Record<string, unknown>;

const BASE_PROPERTIES = [
  'id', 'userPrincipalName', 'displayName', 'givenName', 'surname', 'mail', 'mailNickname', 'accountEnabled',
  'usageLocation', 'ageGroup', 'consentProvidedForMinor', 'employeeId', 'assignedLicenses', 'createdDateTime',
]; // prettier-ignore

/** The `$select` list that reads everything a DirectoryAccount holds. */
export function userSelect(names: GraphPropertyNames): string[] {
  const extra = [names.anchor, names.grade, names.userNumber, names.relatedContacts];
  return [...BASE_PROPERTIES, ...extra.filter((p): p is string => p !== null)];
}

const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);

export function fromGraphUser(json: GraphUser, names: GraphPropertyNames): DirectoryAccount {
  const upn = String(json.userPrincipalName ?? '');
  const licenses = Array.isArray(json.assignedLicenses) ? json.assignedLicenses : [];
  const created = text(json.createdDateTime) ?? '';
  return {
    id: String(json.id),
    userPrincipalName: upn,
    displayName: String(json.displayName ?? ''),
    givenName: text(json.givenName),
    surname: text(json.surname),
    mail: text(json.mail),
    mailNickname: text(json.mailNickname) ?? defaultNickname(upn),
    accountEnabled: json.accountEnabled !== false,
    usageLocation: text(json.usageLocation),
    ageGroup: text(json.ageGroup) as AgeGroup | null,
    consentProvidedForMinor: text(json.consentProvidedForMinor) as MinorConsent | null,
    employeeId: text(json.employeeId),
    // Graph leaves extension properties out of the body when they have no value.
    anchor: text(json[names.anchor]),
    grade: names.grade ? text(json[names.grade]) : null,
    userNumber: names.userNumber ? text(json[names.userNumber]) : null,
    relatedContacts: readContacts(names.relatedContacts ? json[names.relatedContacts] : undefined),
    assignedLicenses: licenses
      .map((l) => (l as { skuId?: unknown }).skuId)
      .filter((s): s is string => typeof s === 'string')
      .map((skuId) => ({ skuId })),
    createdDateTime: created,
    // Entra keeps no modification time on users; the creation time is the best lower bound there is.
    lastModifiedDateTime: text(json.lastModifiedDateTime) ?? created,
  };
}

function readContacts(value: unknown): RelatedContact[] {
  if (Array.isArray(value)) return value as RelatedContact[];
  if (typeof value !== 'string' || value === '') return [];
  try {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) ? (parsed as RelatedContact[]) : [];
  } catch {
    return []; // someone else's value in the extension: not ours to interpret
  }
}

/** The Graph properties for the managed attributes present in `changes`; absent keys stay absent, null clears. */
export function toGraphProperties(changes: Partial<ManagedAttributes>, names: GraphPropertyNames): GraphUser {
  const out: GraphUser = {};
  const set = (key: keyof ManagedAttributes, property: string | null, map = (v: unknown) => v) => {
    if (property !== null && Object.hasOwn(changes, key) && changes[key] !== undefined) {
      out[property] = map(changes[key]);
    }
  };
  for (const key of [
    'displayName', 'givenName', 'surname', 'mail', 'mailNickname', 'accountEnabled', 'ageGroup',
    'consentProvidedForMinor', 'employeeId',
  ] as const) set(key, key); // prettier-ignore
  set('usageLocation', 'usageLocation', (v) => (typeof v === 'string' ? v.toUpperCase() : v));
  set('anchor', names.anchor);
  set('grade', names.grade);
  set('userNumber', names.userNumber);
  const contacts = names.relatedContacts;
  set('relatedContacts', contacts, (v) =>
    contacts?.startsWith('extension_') ? ((v as RelatedContact[]).length ? JSON.stringify(v) : null) : v,
  );
  return out;
}

/** The body of `POST /users`: Graph's required properties, then the non-null managed attributes. */
export function toCreateBody(input: NewAccount, names: GraphPropertyNames): GraphUser {
  const given: Partial<ManagedAttributes> = {};
  for (const [k, v] of Object.entries(input)) {
    if (v !== null && v !== undefined) (given as Record<string, unknown>)[k] = v;
  }
  return {
    accountEnabled: input.accountEnabled ?? true,
    displayName: input.displayName,
    mailNickname: input.mailNickname ?? defaultNickname(input.userPrincipalName),
    userPrincipalName: input.userPrincipalName,
    passwordProfile: {
      password: input.password,
      forceChangePasswordNextSignIn: input.forceChangePasswordNextSignIn,
    },
    ...toGraphProperties(given, names),
  };
}

/** An OData string literal: single quotes doubled. */
export function quote(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** `property in ('a','b')`: Graph's form for userPrincipalName, mail and id (at most 15 values). */
export function inFilter(property: string, values: readonly string[]): string {
  return `${property} in (${values.map(quote).join(',')})`;
}

/**
 * `p eq 'a' or p eq 'b'`: directory extension properties support `eq` without advanced queries, which `in` may
 * need; advanced queries are eventually consistent and could miss an account created a moment ago.
 */
export function eqAnyFilter(property: string, values: readonly string[]): string {
  return values.map((v) => `${property} eq ${quote(v)}`).join(' or ');
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isGuid(value: string): boolean {
  return GUID.test(value);
}
