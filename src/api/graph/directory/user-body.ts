import type { AccountPatch } from '../../../directory/embedded/index.js';
import type { NewAccount, RelatedContact } from '../../../directory/types.js';
import { directoryGraphErrors as e } from './directory-errors.js';
import { ANCHOR_PROPERTY, GRADE_PROPERTY, STUDENT_NUMBER_PROPERTY, USER_TYPE } from './user-model.js';

/** Reads POST/PATCH bodies of `microsoft.graph.user` with Entra's validation messages. */

type Reader = (value: unknown, name: string, out: AccountPatch) => void;

const isString = (v: unknown): v is string => typeof v === 'string';
const nullableString =
  (
    key: 'givenName' | 'surname' | 'mail' | 'usageLocation' | 'employeeId' | 'anchor' | 'grade' | 'userNumber',
  ): Reader =>
  (value, name, out) => {
    if (value !== null && !isString(value)) throw e.invalidProperty(name);
    out[key] = value === '' ? null : value;
  };
const requiredString =
  (key: 'displayName' | 'mailNickname' | 'userPrincipalName'): Reader =>
  (value, name, out) => {
    if (!isString(value) || value.trim() === '') throw e.invalidProperty(name);
    out[key] = value;
  };
const oneOf =
  <K extends 'ageGroup' | 'consentProvidedForMinor'>(key: K, allowed: readonly string[]): Reader =>
  (value, name, out) => {
    if (value !== null && !(isString(value) && allowed.includes(value))) throw e.invalidProperty(name);
    (out as Record<string, unknown>)[key] = value;
  };

const WRITABLE: Record<string, Reader> = {
  accountEnabled: (value, name, out) => {
    if (typeof value !== 'boolean') throw e.invalidProperty(name);
    out.accountEnabled = value;
  },
  displayName: requiredString('displayName'),
  mailNickname: requiredString('mailNickname'),
  userPrincipalName: requiredString('userPrincipalName'),
  givenName: nullableString('givenName'),
  surname: nullableString('surname'),
  mail: nullableString('mail'),
  usageLocation: nullableString('usageLocation'),
  employeeId: nullableString('employeeId'),
  ageGroup: oneOf('ageGroup', ['minor', 'notAdult', 'adult']),
  consentProvidedForMinor: oneOf('consentProvidedForMinor', ['granted', 'denied', 'notRequired']),
  [ANCHOR_PROPERTY]: nullableString('anchor'),
  [GRADE_PROPERTY]: nullableString('grade'),
  [STUDENT_NUMBER_PROPERTY]: nullableString('userNumber'),
  relatedContacts: (value, name, out) => {
    if (!Array.isArray(value)) throw e.invalidProperty(name);
    out.relatedContacts = value.map((c) => readContact(c, name));
  },
  passwordProfile: (value, name, out) => {
    const p = value as { password?: unknown; forceChangePasswordNextSignIn?: unknown } | null;
    if (p === null || typeof p !== 'object' || Array.isArray(p)) throw e.invalidProperty(name);
    if (!isString(p.password) || p.password === '') throw e.passwordRequired();
    const force = p.forceChangePasswordNextSignIn;
    if (force !== undefined && force !== null && typeof force !== 'boolean') throw e.invalidProperty(name);
    out.passwordProfile = { password: p.password, forceChangePasswordNextSignIn: force ?? true };
  },
};

const READ_ONLY = new Set(['id', 'createddatetime', 'assignedlicenses', 'businessphones']);

function readContact(value: unknown, name: string): RelatedContact {
  const c = value as Record<string, unknown> | null;
  if (c === null || typeof c !== 'object' || Array.isArray(c)) throw e.invalidProperty(name);
  const text = (v: unknown) => (v === undefined || v === null ? null : isString(v) ? v : undefined);
  const contact = {
    displayName: c.displayName,
    emailAddress: text(c.emailAddress),
    mobilePhone: text(c.mobilePhone),
    relationship: c.relationship,
    accessConsent: c.accessConsent ?? null,
  };
  const valid =
    isString(contact.displayName) &&
    isString(contact.relationship) &&
    contact.emailAddress !== undefined &&
    contact.mobilePhone !== undefined &&
    (contact.accessConsent === null || typeof contact.accessConsent === 'boolean');
  if (!valid) throw e.invalidProperty(name);
  return contact as RelatedContact;
}

function readProperties(body: unknown): AccountPatch {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw e.badRequest('The request body must be a JSON object of type microsoft.graph.user.');
  }
  const out: AccountPatch = {};
  for (const [name, value] of Object.entries(body)) {
    if (name === '@odata.type') {
      if (value !== `#${USER_TYPE}`) throw e.badRequest(`'${String(value)}' is not the type ${USER_TYPE}.`);
      continue;
    }
    // Graph matches property names case-insensitively.
    const key = Object.keys(WRITABLE).find((k) => k.toLowerCase() === name.toLowerCase());
    if (key) WRITABLE[key](value, key, out);
    else if (READ_ONLY.has(name.toLowerCase())) throw e.readOnlyProperty(name);
    else throw e.unknownProperty(name);
  }
  return out;
}

/** POST /users: the five properties Entra requires, then the optional ones. */
export function readNewUser(body: unknown): NewAccount {
  const p = readProperties(body);
  for (const required of ['accountEnabled', 'displayName', 'mailNickname', 'userPrincipalName'] as const) {
    if (p[required] === undefined) throw e.invalidProperty(required);
  }
  if (!p.passwordProfile) throw e.passwordRequired();
  const { passwordProfile, userPrincipalName, displayName, ...rest } = p;
  return {
    ...rest,
    userPrincipalName: userPrincipalName!,
    displayName: displayName!,
    password: passwordProfile.password,
    forceChangePasswordNextSignIn: passwordProfile.forceChangePasswordNextSignIn ?? true,
  };
}

/** PATCH /users/{id}: any writable property; absent ones are left unchanged. */
export function readUserPatch(body: unknown): AccountPatch {
  return readProperties(body);
}
