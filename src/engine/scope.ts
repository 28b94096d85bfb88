import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { RelatedContact } from '../directory/types.js';
import type { Store } from '../store/database.js';
import type { Schema } from '../store/schema.js';
import { lakeOf } from '../store/repositories/lake.js';
import { eachRow } from '../store/select-arrays.js';
import type { PersonRole, RosterPerson } from './types.js';

/** Whether an inbound flow's lake holds any person yet (one indexed probe, not a count). */
export async function lakeHasPeople(db: Kysely<Schema>, inboundFlowId: string): Promise<boolean> {
  const any = await db
    .selectFrom('lake_people')
    .select('sourced_id')
    .where('lake_id', '=', lakeOf(inboundFlowId))
    .limit(1)
    .executeTakeFirst();
  return any !== undefined;
}

/**
 * The people a flow acts on: active people with at least one active role in an org that passes the flow set's
 * filter, read from one inbound flow's lake in a handful of set queries. Contacts come along as related contacts.
 * People come in sourcedId order (binary, on both databases), and each person's roles in role-key order: the
 * order decides who is "first" when two people resolve to one account, and it must not depend on how a district
 * happened to sort its export (docs/decisions.md, "Roster order"). On SQLite it is the lake's key order, free.
 */
export async function loadRosterScope(
  store: Store,
  inboundFlowId: string,
  orgFilter: ReadonlySet<string> | null,
): Promise<RosterPerson[]> {
  const { db } = store;
  const orgsInScope = orgFilter ? await resolveOrgFilter(db, inboundFlowId, orgFilter) : null;
  const roles = new Map<string, PersonRole[]>();
  // Rows come as arrays, one at a time (eachRow): a roster's worth of objects with a property per column, or of
  // rows held until the query ends, costs more than the query.
  await eachRow<[string, string, string, string | null, number | null]>(
    store,
    db
      .selectFrom('lake_roles')
      .select(['user_sourced_id', 'org_sourced_id', 'role', 'grade', 'is_primary'])
      .where('lake_id', '=', lakeOf(inboundFlowId))
      .where('active', '=', 1)
      .orderBy(binary(store, 'role_key')),
    ([user, org, role, grade, isPrimary]) => {
      if (orgsInScope && !orgsInScope.has(org)) return;
      const list = roles.get(user);
      const entry = { orgSourcedId: org, role, grade, isPrimary: isPrimary === null ? null : isPrimary === 1 };
      if (list) list.push(entry);
      else roles.set(user, [entry]);
    },
  );
  const contacts = await loadContacts(store, inboundFlowId);
  // Only people with an active role are read whole; contacts (guardians) came with their relationships, above.
  const people: RosterPerson[] = [];
  await eachRow<PersonRow>(
    store,
    db
      .selectFrom('lake_people as p')
      .select([
        'p.sourced_id',
        'p.username',
        'p.given_name',
        'p.family_name',
        'p.email',
        'p.ad_match_id',
        'p.user_number',
        'p.password',
        'p.enabled_user',
      ])
      .where('p.lake_id', '=', lakeOf(inboundFlowId))
      .where('p.active', '=', 1)
      // A set semi-join (one pass over the roles), not a correlated EXISTS: on the key-clustered lake SQLite's
      // planner would search the roles by flow for every person, which is quadratic.
      .where('p.sourced_id', 'in', (eb) =>
        eb
          .selectFrom('lake_roles as r')
          .select('r.user_sourced_id')
          .where('r.lake_id', '=', lakeOf(inboundFlowId))
          .where('r.active', '=', 1),
      )
      .orderBy(binary(store, 'p.sourced_id')),
    (p) => {
      const personRoles = roles.get(p[0]);
      // OneRoster `enabledUser=false` people are kept in the lake but not provisioned.
      if (!personRoles || p[8] === 0) return;
      people.push({
        sourcedId: p[0],
        username: p[1],
        givenName: p[2],
        familyName: p[3],
        email: p[4],
        activeDirectoryMatchId: p[5],
        userNumber: p[6],
        sealedPassword: p[7],
        roles: personRoles,
        contacts: contacts.get(p[0]) ?? [],
      });
    },
  );
  return people;
}

/** Orders by `column` comparing bytes, as SQLite does by default; PostgreSQL would use the database's locale. */
function binary(store: Store, column: string): RawBuilder<unknown> {
  return store.traits.name === 'postgres' ? sql`${sql.ref(column)} collate "C"` : sql`${sql.ref(column)}`;
}

/** `orgExternalId` values name orgs by sourcedId (or by their `identifier`). */
async function resolveOrgFilter(db: Kysely<Schema>, flowId: string, filter: ReadonlySet<string>): Promise<Set<string>> {
  const orgs = await db
    .selectFrom('lake_orgs')
    .select(['sourced_id', 'identifier'])
    .where('lake_id', '=', lakeOf(flowId))
    .execute();
  return new Set(
    orgs
      .filter((o) => filter.has(o.sourced_id) || (o.identifier !== null && filter.has(o.identifier)))
      .map((o) => o.sourced_id),
  );
}

type PersonRow = [
  sourcedId: string,
  username: string,
  givenName: string | null,
  familyName: string | null,
  email: string | null,
  adMatchId: string | null,
  userNumber: string | null,
  password: string | null,
  enabledUser: number | null,
];

/** Each person's active relationships to active people of the roster, as related contacts. */
async function loadContacts(store: Store, flowId: string): Promise<Map<string, RelatedContact[]>> {
  // The contact's display name and mobile phone are put together by the query: three values a row instead of six.
  // Lake values are null or non-empty, so `||` (null when either side is) and coalesce pick as the engine would.
  const out = new Map<string, RelatedContact[]>();
  await eachRow<[string, string, string, string | null, string | null]>(
    store,
    store.db
      .selectFrom('lake_relationships as r')
      .innerJoin('lake_people as c', (join) =>
        join
          .onRef('c.lake_id', '=', 'r.lake_id')
          .onRef('c.sourced_id', '=', 'r.related_sourced_id')
          .on('c.active', '=', 1),
      )
      .select([
        'r.user_sourced_id',
        'r.relationship_role',
        sql<string>`coalesce(c.given_name || ' ' || c.family_name, c.given_name, c.family_name, r.related_sourced_id)`.as(
          'display_name',
        ),
        'c.email',
        sql<string | null>`coalesce(c.sms, c.phone)`.as('mobile_phone'),
      ])
      .where('r.lake_id', '=', lakeOf(flowId))
      .where('r.active', '=', 1),
    ([user, relationship, displayName, email, mobilePhone]) => {
      const contact: RelatedContact = {
        displayName,
        emailAddress: email,
        mobilePhone,
        relationship,
        accessConsent: null,
      };
      const list = out.get(user);
      if (list) list.push(contact);
      else out.set(user, [contact]);
    },
  );
  return out;
}
