import type { MatchingRule, PersonRole, RoleGroupDef } from './types.js';

export interface EffectiveRole {
  group: RoleGroupDef;
  /** The role that represents the person in that group: a primary one first. */
  role: PersonRole;
}

/**
 * The role group whose rule applies to a person (spec §2.2): with roles in one group, that group; with mixed
 * roles, the group of the roles marked `isPrimary` when they all belong to one group; otherwise the group whose
 * matching rule has the lowest `priorityOrder` (staff before students by default, so "staff wins").
 */
export function effectiveRole(
  roles: readonly PersonRole[],
  groups: readonly RoleGroupDef[],
  rules: ReadonlyMap<string, MatchingRule>,
): EffectiveRole | null {
  if (roles.length === 1) {
    // Most people hold one role: no grouping needed.
    const group = groups.find((g) => g.roles.has(roles[0].role));
    return group ? { group, role: roles[0] } : null;
  }
  const byGroup = new Map<RoleGroupDef, PersonRole[]>();
  for (const role of roles) {
    const group = groups.find((g) => g.roles.has(role.role));
    if (!group) continue;
    const list = byGroup.get(group) ?? [];
    list.push(role);
    byGroup.set(group, list);
  }
  if (byGroup.size === 0) return null;
  let chosen: RoleGroupDef;
  if (byGroup.size === 1) {
    chosen = [...byGroup.keys()][0];
  } else {
    const primaryGroups = [...byGroup].filter(([, list]) => list.some((r) => r.isPrimary === true)).map(([g]) => g);
    chosen = primaryGroups.length === 1 ? primaryGroups[0] : byPriority([...byGroup.keys()], rules);
  }
  const list = byGroup.get(chosen)!;
  return { group: chosen, role: list.find((r) => r.isPrimary === true) ?? list[0] };
}

function byPriority(groups: RoleGroupDef[], rules: ReadonlyMap<string, MatchingRule>): RoleGroupDef {
  const rank = (g: RoleGroupDef) => rules.get(g.id)?.priorityOrder ?? (g.id === 'staff' ? -1 : Number.MAX_SAFE_INTEGER);
  return [...groups].sort((a, b) => rank(a) - rank(b) || (a.id === 'staff' ? -1 : b.id === 'staff' ? 1 : 0))[0];
}
