import type { PersonRecord } from '../../model.js';
import type { RowReader } from '../../rules/row-reader.js';

/**
 * Contacts (guardians) need givenName, familyName and email to be usable as student related contacts
 * (spec roster-formats §1.2, provisioning-behaviour §5.2). SDS v2.1 makes this an error; OneRoster has no such
 * rule (email is optional for every user), so there it is a warning and the person is kept.
 */
export function checkContact(r: RowReader, p: PersonRecord, severity: 'error' | 'warning'): void {
  const missing: string[] = [];
  if (p.givenName === undefined) missing.push('givenName');
  if (p.familyName === undefined) missing.push('familyName');
  if (p.email === undefined) missing.push('email');
  if (missing.length === 0) return;
  const what = `contact ${p.sourcedId} has no valid ${missing.join(', ')}`;
  if (severity === 'error') r.error('INCOMPLETE_CONTACT', missing[0], '', `${what}; record skipped`);
  else r.warn('INCOMPLETE_CONTACT', missing[0], '', `${what}; it cannot be used as a related contact`);
}
