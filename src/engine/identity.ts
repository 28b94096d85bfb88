import type { MatchingRule, RosterPerson } from './types.js';

/** The value a rule matches on, with the domain appended when it has none (spec §2.3); null when missing. */
export function identityValue(person: RosterPerson, rule: MatchingRule): string | null {
  const raw =
    rule.sourceIdentifier === 'username'
      ? person.username
      : rule.sourceIdentifier === 'email'
        ? person.email
        : rule.sourceIdentifier === 'activeDirectoryMatchId'
          ? person.activeDirectoryMatchId
          : person.sourcedId;
  const value = raw?.trim();
  if (!value) return null;
  if (value.includes('@') || !rule.domainName) return value;
  return `${value}@${rule.domainName.trim().replace(/^@/, '')}`;
}

/** Human-readable form of a rule for plans and reports. */
export function describeRule(rule: MatchingRule): string {
  let text = described.get(rule);
  if (text === undefined) {
    text = `${rule.sourceIdentifier} → ${rule.matchTarget}${rule.domainName ? ` (+@${rule.domainName})` : ''}`;
    described.set(rule, text);
  }
  return text;
}

/** One description per rule object: a run describes the same few rules for every person. */
const described = new WeakMap<MatchingRule, string>();

/** `mailNickname` from a UPN: the local part reduced to the characters Entra allows. */
export function mailNicknameOf(upn: string): string {
  const local = upn
    .split('@')[0]
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9._-]/g, '');
  return (local || 'user').slice(0, 64);
}

/** The education anchor written to an account linked to a roster person (SDS v2.1: `User_<sourcedId>`). */
export const anchorOf = (sourcedId: string) => `User_${sourcedId}`;

/**
 * A UPN must look like `local@domain` with the characters Entra allows in the local part (`A-Z a-z 0-9 ' . - _ ! # ^
 * ~`, no leading or trailing dot): matching by mail may give values that cannot be UPNs (`a+b@…`), and the plan
 * reports them as conflicts instead of creates the directory would refuse.
 */
export function isValidUpn(value: string): boolean {
  const m = /^([A-Za-z0-9'._!#^~-]{1,64})@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$/.exec(value);
  return m !== null && !m[1].startsWith('.') && !m[1].endsWith('.');
}
