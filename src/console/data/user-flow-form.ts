import { ROLE_GROUPS_URL } from '../../configuration/entity-sets.js';
import { bindKey } from '../../model/read-body.js';
import { MASKED_SECRET } from '../../model/write-value.js';

const USER_FLOW_TYPE = '#microsoft.graph.industryData.userProvisioningFlow';
const PASSWORD_TYPE = '#microsoft.graph.industryData.simplePasswordSettings';

export const ADDITIONAL_ATTRIBUTES = ['userGradeLevel', 'userNumber'] as const;
export const AGE_GROUPS = ['minor', 'notAdult', 'adult'] as const;

/** A role group's creation settings as the console shows them: the password only as "set" or not. */
export interface CreationView {
  roleGroupId: string;
  licenseSkus: string[];
  hasPassword: boolean;
}

/** The editable settings of a userProvisioningFlow. */
export interface UserFlowView {
  createUnmatchedUsers: boolean;
  additionalAttributes: string[];
  studentAgeGroup: string | null;
  allowStudentContactAssociation: boolean;
  configurations: CreationView[];
}

/** What the edit form posted. A blank password keeps the current one; `remove` drops the role group's settings. */
export interface UserFlowInput extends Omit<UserFlowView, 'configurations'> {
  configurations: { roleGroupId: string; licenseSkus: string[]; password: string; remove: boolean }[];
}

type Json = Record<string, unknown>;

/** Reads a stored userProvisioningFlow; secrets stay sealed and are only reported as present. */
export function userFlowView(data: Json): UserFlowView {
  const management = (data.managementOptions ?? {}) as Json;
  const options = (management.additionalOptions ?? {}) as Json;
  const configurations = (((data.creationOptions as Json | null)?.configurations ?? []) as Json[]).map((c) => ({
    roleGroupId: String(c[bindKey('roleGroup')] ?? ''),
    licenseSkus: ((c.licenseSkus as string[] | null) ?? []).slice(),
    hasPassword: typeof (c.defaultPasswordSettings as Json | null)?.password === 'string',
  }));
  return {
    createUnmatchedUsers: data.createUnmatchedUsers === true,
    additionalAttributes: ((management.additionalAttributes as string[] | null) ?? []).slice(),
    studentAgeGroup: typeof options.studentAgeGroup === 'string' ? options.studentAgeGroup : null,
    allowStudentContactAssociation: options.allowStudentContactAssociation === true,
    configurations,
  };
}

/** Reads the edit form. Field names: `skus.<roleGroup>`, `password.<roleGroup>`, `remove.<roleGroup>`. */
export function readUserFlowForm(form: URLSearchParams, roleGroupIds: readonly string[]): UserFlowInput {
  return {
    createUnmatchedUsers: form.get('createUnmatchedUsers') === 'on',
    additionalAttributes: form.getAll('additionalAttributes'),
    studentAgeGroup: form.get('studentAgeGroup') || null,
    allowStudentContactAssociation: form.get('allowStudentContactAssociation') === 'on',
    configurations: roleGroupIds.map((id) => ({
      roleGroupId: id,
      licenseSkus: splitList(form.get(`skus.${id}`) ?? ''),
      password: form.get(`password.${id}`) ?? '',
      remove: form.get(`remove.${id}`) === 'on',
    })),
  };
}

/**
 * The Graph PATCH body for the posted form: the same JSON a client would send to
 * `PATCH …/provisioningFlows/{id}`, so the API's validation applies unchanged. A role group keeps a creation
 * configuration when it had one or the form gives it SKUs or a password; a blank password of a role group that has
 * one sends the masked value, which the configuration service reads as "unchanged".
 */
export function userFlowPatch(input: UserFlowInput, current: UserFlowView): Json {
  const configurations: Json[] = [];
  for (const c of input.configurations) {
    const before = current.configurations.find((x) => x.roleGroupId === c.roleGroupId);
    if (c.remove || (!before && c.licenseSkus.length === 0 && !c.password)) continue;
    const password = c.password || (before?.hasPassword ? MASKED_SECRET : null);
    configurations.push({
      'roleGroup@odata.bind': `${ROLE_GROUPS_URL}/${c.roleGroupId}`,
      licenseSkus: c.licenseSkus,
      defaultPasswordSettings: password ? { '@odata.type': PASSWORD_TYPE, password } : null,
    });
  }
  return {
    '@odata.type': USER_FLOW_TYPE,
    createUnmatchedUsers: input.createUnmatchedUsers,
    managementOptions: {
      additionalAttributes: input.additionalAttributes,
      additionalOptions: {
        studentAgeGroup: input.studentAgeGroup,
        allowStudentContactAssociation: input.allowStudentContactAssociation,
      },
    },
    creationOptions: { configurations },
  };
}

/** The form's values to show again after a refused save (passwords are never sent back to the browser). */
export function viewOfInput(input: UserFlowInput, current: UserFlowView): UserFlowView {
  return {
    ...input,
    configurations: input.configurations.map((c) => ({
      roleGroupId: c.roleGroupId,
      licenseSkus: c.licenseSkus,
      hasPassword: current.configurations.find((x) => x.roleGroupId === c.roleGroupId)?.hasPassword ?? false,
    })),
  };
}

const splitList = (text: string) =>
  text
    .split(/[\s,;]+/)
    .map((s) => s.trim())
    .filter(Boolean);
