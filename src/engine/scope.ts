import type { Kysely } from 'kysely';
import type { RelatedContact } from '../directory/types.js';
import type { Schema } from '../store/schema.js';
import type { PersonRole, RosterPerson } from './types.js';

/** Whether an inbound flow's lake holds any person yet (one indexed probe, not a count). */
export async function lakeHasPeople(db: Kysely<Schema>, inboundFlowId: string): Promise<boolean> {
  const any = await db
    .selectFrom('lake_people')
    .select('sourced_id')
    .where('flow_id', '=', inboundFlowId)
    .limit(1)
    .executeTakeFirst();
  return any !== undefined;
}

/**
 * The people a flow acts on: active people with at least one active role in an org that passes the flow set's
 * filter, read from one inbound flow's lake in a handful of set queries. Contacts come along as related contacts.
 */
export async function loadRosterScope(
  db: Kysely<Schema>,
  inboundFlowId: string,
  orgFilter: ReadonlySet<string> | null,
): Promise<RosterPerson[]> {
  const orgsInScope = orgFilter ? await resolveOrgFilter(db, inboundFlowId, orgFilter) : null;
  const roles = new Map<string, PersonRole[]>();
  const roleRows = await db
    .selectFrom('lake_roles')
    .select(['user_sourced_id', 'org_sourced_id', 'role', 'grade', 'is_primary'])
    .where('flow_id', '=', inboundFlowId)
    .where('active', '=', 1)
    .execute();
  for (const r of roleRows) {
    if (orgsInScope && !orgsInScope.has(r.org_sourced_id)) continue;
    const list = roles.get(r.user_sourced_id) ?? [];
    list.push({
      orgSourcedId: r.org_sourced_id,
      role: r.role,
      grade: r.grade,
      isPrimary: r.is_primary === null ? null : r.is_primary === 1,
    });
    roles.set(r.user_sourced_id, list);
  }
  const peopleRows = await db
    .selectFrom('lake_people')
    .select([
      'sourced_id',
      'username',
      'given_name',
      'family_name',
      'email',
      'phone',
      'sms',
      'ad_match_id',
      'user_number',
      'password',
      'enabled_user',
    ])
    .where('flow_id', '=', inboundFlowId)
    .where('active', '=', 1)
    .execute();
  const byId = new Map(peopleRows.map((p) => [p.sourced_id, p]));
  const contacts = await loadContacts(db, inboundFlowId, byId);
  const people: RosterPerson[] = [];
  for (const p of peopleRows) {
    const personRoles = roles.get(p.sourced_id);
    // OneRoster `enabledUser=false` people are kept in the lake but not provisioned.
    if (!personRoles || p.enabled_user === 0) continue;
    people.push({
      sourcedId: p.sourced_id,
      username: p.username,
      givenName: p.given_name,
      familyName: p.family_name,
      email: p.email,
      activeDirectoryMatchId: p.ad_match_id,
      userNumber: p.user_number,
      sealedPassword: p.password,
      roles: personRoles,
      contacts: contacts.get(p.sourced_id) ?? [],
    });
  }
  return people;
}

/** `orgExternalId` values name orgs by sourcedId (or by their `identifier`). */
async function resolveOrgFilter(db: Kysely<Schema>, flowId: string, filter: ReadonlySet<string>): Promise<Set<string>> {
  const orgs = await db
    .selectFrom('lake_orgs')
    .select(['sourced_id', 'identifier'])
    .where('flow_id', '=', flowId)
    .execute();
  return new Set(
    orgs
      .filter((o) => filter.has(o.sourced_id) || (o.identifier !== null && filter.has(o.identifier)))
      .map((o) => o.sourced_id),
  );
}

type PersonRow = {
  given_name: string | null;
  family_name: string | null;
  email: string | null;
  phone: string | null;
  sms: string | null;
};

async function loadContacts(
  db: Kysely<Schema>,
  flowId: string,
  people: Map<string, PersonRow>,
): Promise<Map<string, RelatedContact[]>> {
  const rels = await db
    .selectFrom('lake_relationships')
    .select(['user_sourced_id', 'related_sourced_id', 'relationship_role'])
    .where('flow_id', '=', flowId)
    .where('active', '=', 1)
    .execute();
  const out = new Map<string, RelatedContact[]>();
  for (const r of rels) {
    const c = people.get(r.related_sourced_id);
    if (!c) continue;
    const list = out.get(r.user_sourced_id) ?? [];
    list.push({
      displayName: [c.given_name, c.family_name].filter(Boolean).join(' ') || r.related_sourced_id,
      emailAddress: c.email,
      mobilePhone: c.sms ?? c.phone,
      relationship: r.relationship_role,
      accessConsent: null,
    });
    out.set(r.user_sourced_id, list);
  }
  return out;
}
