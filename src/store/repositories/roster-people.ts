import type { Kysely } from 'kysely';
import type { Schema } from '../schema.js';

export interface RosterPersonName {
  sourcedId: string;
  /** The inbound flow whose lake holds the person. */
  inboundFlowId: string;
  username: string;
  givenName: string | null;
  familyName: string | null;
  email: string | null;
}

const CHUNK = 500;

/** Names and identifiers of roster people (any inbound flow), to show next to results and conflicts. */
export async function rosterPeopleByIds(
  db: Kysely<Schema>,
  sourcedIds: readonly string[],
): Promise<Map<string, RosterPersonName>> {
  const out = new Map<string, RosterPersonName>();
  for (let i = 0; i < sourcedIds.length; i += CHUNK) {
    const rows = await db
      .selectFrom('lake_people')
      .innerJoin('lakes', 'lakes.id', 'lake_people.lake_id')
      .select(['lakes.flow_id', 'sourced_id', 'username', 'given_name', 'family_name', 'email', 'active'])
      .where('sourced_id', 'in', sourcedIds.slice(i, i + CHUNK))
      .orderBy('active', 'asc')
      .execute();
    // Active rows come last and win over inactive copies in other flows.
    for (const r of rows) {
      out.set(r.sourced_id, {
        sourcedId: r.sourced_id,
        inboundFlowId: r.flow_id,
        username: r.username,
        givenName: r.given_name,
        familyName: r.family_name,
        email: r.email,
      });
    }
  }
  return out;
}
