import type { AgeGroup } from '../directory/types.js';
import { bindKey } from '../model/read-body.js';
import type {
  CreationConfig,
  MatchingRule,
  RoleGroupDef,
  SourceIdentifier,
  MatchTarget,
  UserFlowSettings,
} from './types.js';

type Json = Record<string, unknown>;

/** A userProvisioningFlow's stored data (and its set's filter), read into what the engine needs. */
export function readUserFlowSettings(flow: Json, flowSet: Json): UserFlowSettings {
  const management = (flow.managementOptions ?? {}) as Json;
  const attributes = new Set((management.additionalAttributes as string[] | null) ?? []);
  const options = (management.additionalOptions ?? {}) as Json;
  const creation = new Map<string, CreationConfig>();
  const configurations = ((flow.creationOptions as Json | null)?.configurations ?? []) as Json[];
  for (const c of configurations) {
    const group = c[bindKey('roleGroup')];
    if (typeof group !== 'string') continue;
    const password = (c.defaultPasswordSettings as Json | null)?.password;
    creation.set(group, {
      sealedPassword: typeof password === 'string' ? password : null,
      licenseSkus: (c.licenseSkus as string[] | null) ?? [],
    });
  }
  const filter = flowSet.filter as Json | null | undefined;
  return {
    createUnmatchedUsers: flow.createUnmatchedUsers === true,
    creation,
    gradeLevel: attributes.has('userGradeLevel'),
    userNumber: attributes.has('userNumber'),
    studentAgeGroup: (options.studentAgeGroup as AgeGroup | null | undefined) ?? null,
    allowStudentContactAssociation: options.allowStudentContactAssociation === true,
    orgFilter: filter && Array.isArray(filter.in) ? new Set(filter.in as string[]) : null,
  };
}

/** A source system's userMatchingSettings as rules keyed by role group (the lowest priorityOrder wins a tie). */
export function readMatchingRules(sourceSystem: Json | null): Map<string, MatchingRule> {
  const rules = new Map<string, MatchingRule>();
  const settings = ((sourceSystem?.userMatchingSettings as Json[] | null) ?? []).slice();
  settings.sort((a, b) => Number(a.priorityOrder ?? 0) - Number(b.priorityOrder ?? 0));
  for (const s of settings) {
    const group = s[bindKey('roleGroup')];
    if (typeof group !== 'string' || rules.has(group)) continue;
    rules.set(group, {
      roleGroupId: group,
      sourceIdentifier: ((s.sourceIdentifier as Json | null)?.code ?? 'username') as SourceIdentifier,
      matchTarget: ((s.matchTarget as Json | null)?.code ?? 'userPrincipalName') as MatchTarget,
      domainName: typeof s.domainName === 'string' && s.domainName.trim() ? s.domainName.trim() : null,
      priorityOrder: Number(s.priorityOrder ?? 0),
    });
  }
  return rules;
}

export function readRoleGroups(groups: { id: string; data: Json }[]): RoleGroupDef[] {
  return groups.map((g) => ({
    id: g.id,
    displayName: String(g.data.displayName),
    roles: new Set(((g.data.roles as { code: string }[] | null) ?? []).map((r) => r.code)),
  }));
}

/**
 * Readiness of a userProvisioningFlow (docs/decisions.md): `ready` when a source system has a matching rule for at
 * least one role group and, with createUnmatchedUsers on, every role group with a rule has a creation
 * configuration with a default password; otherwise `notReady`, with the reason.
 */
export function userFlowReadiness(
  settings: UserFlowSettings,
  rules: ReadonlyMap<string, MatchingRule>,
): { status: 'ready' | 'notReady'; reason: string | null } {
  if (rules.size === 0) return { status: 'notReady', reason: 'No source system has user matching settings.' };
  if (settings.createUnmatchedUsers) {
    for (const group of rules.keys()) {
      const config = settings.creation.get(group);
      if (!config)
        return {
          status: 'notReady',
          reason: `createUnmatchedUsers is on but role group '${group}' has no creation configuration.`,
        };
      if (!config.sealedPassword)
        return { status: 'notReady', reason: `Role group '${group}' has no default password.` };
    }
  }
  return { status: 'ready', reason: null };
}
