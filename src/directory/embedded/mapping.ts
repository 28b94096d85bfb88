import type { DirectoryUsersTable } from '../../store/schema.js';
import { directoryErrors, type DirectoryError } from '../errors.js';
import { meetsPasswordPolicy } from './passwords.js';
import type {
  AgeGroup,
  DirectoryAccount,
  ManagedAttributes,
  MinorConsent,
  NewAccount,
  RelatedContact,
} from '../types.js';

/**
 * Pure translation between directory accounts and `directory_users` rows, plus the value rules Entra applies to
 * what is written. No I/O here: the adapter and the service both build on these functions.
 */

export type UserRow = DirectoryUsersTable;
export type UserColumns = Partial<Omit<UserRow, 'id' | 'password_hash' | 'created_at'>>;

const AGE_GROUPS: readonly AgeGroup[] = ['minor', 'notAdult', 'adult'];
const CONSENTS: readonly MinorConsent[] = ['granted', 'denied', 'notRequired'];
/** Characters Entra accepts in the local part of a UPN. */
const UPN_LOCAL = /^[A-Za-z0-9'._!#^~-]{1,64}$/;
const DOMAIN =
  /^(?=.{1,255}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
/** RFC 5322 atom characters, as Entra allows in mailNickname. */
const NICKNAME = /^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~.]{1,64}$/;

/** The columns `toAccount` reads: reads of accounts leave out the password hash and the case-folded copies. */
export const ACCOUNT_COLUMNS = [
  'id', 'upn', 'mail', 'mail_nickname', 'display_name', 'given_name', 'surname', 'account_enabled', 'usage_location',
  'age_group', 'consent_provided_for_minor', 'employee_id', 'anchor', 'grade', 'user_number', 'related_contacts',
  'created_at', 'modified_at', 'version',
] as const satisfies readonly (keyof UserRow)[]; // prettier-ignore

export type AccountRow = Pick<UserRow, (typeof ACCOUNT_COLUMNS)[number]>;

export function toAccount(row: AccountRow, skuIds: readonly string[]): DirectoryAccount {
  return {
    id: row.id,
    userPrincipalName: row.upn,
    mail: row.mail,
    mailNickname: row.mail_nickname,
    displayName: row.display_name,
    givenName: row.given_name,
    surname: row.surname,
    accountEnabled: row.account_enabled === 1,
    usageLocation: row.usage_location,
    ageGroup: row.age_group as AgeGroup | null,
    consentProvidedForMinor: row.consent_provided_for_minor as MinorConsent | null,
    employeeId: row.employee_id,
    anchor: row.anchor,
    grade: row.grade,
    userNumber: row.user_number,
    relatedContacts: JSON.parse(row.related_contacts) as RelatedContact[],
    assignedLicenses: skuIds.map((skuId) => ({ skuId })),
    createdDateTime: row.created_at,
    lastModifiedDateTime: row.modified_at,
    stamp: String(row.version),
  };
}

/** The column values for the managed attributes present in `changes` (keys that are absent stay absent). */
export function toColumns(changes: Partial<ManagedAttributes>): UserColumns {
  const c: UserColumns = {};
  const has = (k: keyof ManagedAttributes) => Object.hasOwn(changes, k) && changes[k] !== undefined;
  if (has('displayName')) c.display_name = changes.displayName!;
  if (has('givenName')) c.given_name = changes.givenName!;
  if (has('surname')) c.surname = changes.surname!;
  if (has('mail')) [c.mail, c.mail_lower] = [changes.mail!, changes.mail?.toLowerCase() ?? null];
  if (has('mailNickname')) c.mail_nickname = changes.mailNickname!;
  if (has('accountEnabled')) c.account_enabled = changes.accountEnabled ? 1 : 0;
  if (has('usageLocation')) c.usage_location = changes.usageLocation?.toUpperCase() ?? null;
  if (has('ageGroup')) c.age_group = changes.ageGroup!;
  if (has('consentProvidedForMinor')) c.consent_provided_for_minor = changes.consentProvidedForMinor!;
  if (has('employeeId')) c.employee_id = changes.employeeId!;
  if (has('anchor')) [c.anchor, c.anchor_lower] = [changes.anchor!, changes.anchor?.toLowerCase() ?? null];
  if (has('grade')) c.grade = changes.grade!;
  if (has('userNumber')) c.user_number = changes.userNumber!;
  if (has('relatedContacts')) c.related_contacts = JSON.stringify(changes.relatedContacts);
  return c;
}

/** A complete row for a new account, given its id, password hash and timestamp. */
export function newRow(input: NewAccount, id: string, passwordHash: string, now: string): UserRow {
  const upn = input.userPrincipalName;
  return {
    id,
    upn,
    upn_lower: upn.toLowerCase(),
    mail: null,
    mail_lower: null,
    mail_nickname: defaultNickname(upn),
    display_name: input.displayName,
    given_name: null,
    surname: null,
    account_enabled: 1,
    usage_location: null,
    age_group: null,
    consent_provided_for_minor: null,
    employee_id: null,
    anchor: null,
    anchor_lower: null,
    grade: null,
    user_number: null,
    related_contacts: '[]',
    password_hash: passwordHash,
    force_change_password: input.forceChangePasswordNextSignIn ? 1 : 0,
    created_at: now,
    modified_at: now,
    version: 1,
    ...toColumns(input),
  };
}

/** The local part of a UPN reduced to the characters a mailNickname may hold (spec §3.2 [rec]). */
export function defaultNickname(upn: string): string {
  const local = upn.split('@')[0].replace(/[^A-Za-z0-9!#$%&'*+\-/=?^_`{|}~.]/g, '');
  return local.replace(/^\.+|\.+$/g, '').slice(0, 64) || 'user';
}

export function isValidUpn(upn: string): boolean {
  const at = upn.lastIndexOf('@');
  if (at <= 0 || upn.indexOf('@') !== at) return false;
  const local = upn.slice(0, at);
  return UPN_LOCAL.test(local) && !local.startsWith('.') && !local.endsWith('.') && DOMAIN.test(upn.slice(at + 1));
}

/** Checks the managed attributes Entra constrains; returns the first problem, or null. */
export function checkAttributes(values: Partial<ManagedAttributes>): DirectoryError | null {
  const bad = (name: keyof ManagedAttributes) => directoryErrors.invalidProperty(name);
  const { displayName, mailNickname, mail, usageLocation, ageGroup, consentProvidedForMinor } = values;
  if (displayName !== undefined && (typeof displayName !== 'string' || !displayName.trim() || displayName.length > 256))
    return bad('displayName');
  if (mailNickname !== undefined && (!NICKNAME.test(mailNickname) || /^\.|\.$|\.\./.test(mailNickname)))
    return bad('mailNickname');
  if (mail != null && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(mail)) return bad('mail');
  if (usageLocation != null && !/^[A-Za-z]{2}$/.test(usageLocation)) return bad('usageLocation');
  if (ageGroup != null && !AGE_GROUPS.includes(ageGroup)) return bad('ageGroup');
  if (consentProvidedForMinor != null && !CONSENTS.includes(consentProvidedForMinor))
    return bad('consentProvidedForMinor');
  return null;
}

/** Keeps only the managed attributes of an object, so callers cannot slip other columns into an update. */
export function managedOnly(changes: Partial<ManagedAttributes>): Partial<ManagedAttributes> {
  const keys: (keyof ManagedAttributes)[] = [
    'displayName', 'givenName', 'surname', 'mail', 'mailNickname', 'accountEnabled', 'usageLocation', 'ageGroup',
    'consentProvidedForMinor', 'employeeId', 'anchor', 'grade', 'userNumber', 'relatedContacts',
  ]; // prettier-ignore
  const out: Partial<ManagedAttributes> = {};
  for (const k of keys) if (changes[k] !== undefined) (out as Record<string, unknown>)[k] = changes[k];
  return out;
}

/** The checks Entra makes on a new account; the first problem found, or null. */
export function checkNewAccount(input: NewAccount): DirectoryError | null {
  if (typeof input.userPrincipalName !== 'string' || !isValidUpn(input.userPrincipalName))
    return directoryErrors.invalidProperty('userPrincipalName');
  if (typeof input.password !== 'string' || !meetsPasswordPolicy(input.password))
    return directoryErrors.passwordPolicy();
  return checkAttributes({ ...managedOnly(input), displayName: input.displayName });
}
