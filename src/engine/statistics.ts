import type { LakeCounts } from '../store/repositories/lake.js';
import { DECISIONS, type Decision, type PlanRow } from './types.js';

export interface RoleCount {
  count: number;
  role: string;
}

/** Matched people have an account (linked or matched by rule); unmatched ones do not (created, conflict, skipped). */
export function peopleByRole(rows: readonly PlanRow[]): { matched: RoleCount[]; unmatched: RoleCount[] } {
  const matched = new Map<string, number>();
  const unmatched = new Map<string, number>();
  for (const r of rows) {
    if (!r.roleGroup || !r.role) continue;
    const target = MATCHED.has(r.decision) ? matched : unmatched;
    target.set(r.role, (target.get(r.role) ?? 0) + 1);
  }
  const list = (m: Map<string, number>) =>
    [...m].map(([role, count]) => ({ count, role })).sort((a, b) => b.count - a.count);
  return { matched: list(matched), unmatched: list(unmatched) };
}

const MATCHED: ReadonlySet<Decision> = new Set(['link', 'update', 'noop']);

export function decisionCounts(rows: readonly PlanRow[]): Record<Decision, number> {
  const out = Object.fromEntries(DECISIONS.map((d) => [d, 0])) as Record<Decision, number>;
  for (const r of rows) out[r.decision]++;
  return out;
}

export function mergeRoleCounts(lists: RoleCount[][]): RoleCount[] {
  const m = new Map<string, number>();
  for (const list of lists) for (const c of list) m.set(c.role, (m.get(c.role) ?? 0) + c.count);
  return [...m].map(([role, count]) => ({ count, role })).sort((a, b) => b.count - a.count);
}

export const entityMetric = (c: { active: number; inactive: number }) => ({
  active: c.active,
  inactive: c.inactive,
  total: c.active + c.inactive,
});

/** The `inboundActivityResults` of one inbound flow after a run. */
export function inboundResults(
  counts: LakeCounts,
  errors: number,
  warnings: number,
  byRole: { matched: RoleCount[]; unmatched: RoleCount[] },
) {
  return {
    errors,
    warnings,
    groups: entityMetric(counts.groups),
    memberships: entityMetric(counts.memberships),
    organizations: entityMetric(counts.orgs),
    people: entityMetric(counts.people),
    matchedPeopleByRole: byRole.matched,
    unmatchedPeopleByRole: byRole.unmatched,
  };
}
