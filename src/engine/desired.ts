import { hash } from 'node:crypto';
import type { DirectoryAccount, ManagedAttributes, RelatedContact } from '../directory/types.js';
import { anchorOf } from './identity.js';
import type { AttributeChange, RosterPerson, UserFlowSettings } from './types.js';
import type { EffectiveRole } from './role-groups.js';

/** The role group whose members are students (age group, grade and contacts apply to them only). */
export const STUDENTS = 'students';

/**
 * The managed attributes a person's account should carry (spec §4). Values the roster does not have are left
 * out rather than cleared: a missing grade in one export must not wipe the grade written by the last one.
 */
export function managedAttributes(
  person: RosterPerson,
  eff: EffectiveRole,
  settings: UserFlowSettings,
): Partial<ManagedAttributes> {
  const isStudent = eff.group.id === STUDENTS;
  const out: Partial<ManagedAttributes> = { anchor: anchorOf(person.sourcedId) };
  if (settings.gradeLevel && isStudent && eff.role.grade) out.grade = eff.role.grade;
  if (settings.userNumber && person.userNumber) out.userNumber = person.userNumber;
  if (isStudent && settings.studentAgeGroup) out.ageGroup = settings.studentAgeGroup;
  if (isStudent && settings.allowStudentContactAssociation) out.relatedContacts = sortContacts(person.contacts);
  return out;
}

/**
 * A digest of desired attributes. `managedAttributes` builds them in a fixed key order with contacts sorted, so
 * equal attributes give equal digests; it is compared only with the same person's earlier digest.
 */
export function fingerprintOf(desired: Partial<ManagedAttributes>): string {
  return hash('sha1', JSON.stringify(desired), 'base64url');
}

/** The attributes that differ between what the account has and what it should have. */
export function diffAttributes(
  account: DirectoryAccount,
  desired: Partial<ManagedAttributes>,
): Record<string, AttributeChange> {
  const changes: Record<string, AttributeChange> = {};
  for (const [key, to] of Object.entries(desired) as [keyof ManagedAttributes, unknown][]) {
    const from = account[key];
    if (!sameValue(from, to, key)) changes[key] = { from: from ?? null, to };
  }
  return changes;
}

function sameValue(a: unknown, b: unknown, key: keyof ManagedAttributes): boolean {
  if (key === 'relatedContacts') {
    return JSON.stringify(sortContacts((a as RelatedContact[]) ?? [])) === JSON.stringify(b);
  }
  if (key === 'anchor' && typeof a === 'string' && typeof b === 'string') return a.toLowerCase() === b.toLowerCase();
  return (a ?? null) === (b ?? null);
}

function sortContacts(contacts: readonly RelatedContact[]): RelatedContact[] {
  return [...contacts]
    .map((c) => ({
      displayName: c.displayName,
      emailAddress: c.emailAddress ?? null,
      mobilePhone: c.mobilePhone ?? null,
      relationship: c.relationship,
      accessConsent: c.accessConsent ?? null,
    }))
    .sort((x, y) => contactKey(x).localeCompare(contactKey(y)));
}

/** Every field takes part in the order: contacts equal in name and email must not compare by their input order. */
const contactKey = (c: RelatedContact) =>
  [c.displayName, c.emailAddress, c.mobilePhone, c.relationship, c.accessConsent].map((v) => String(v)).join('\u0000');
