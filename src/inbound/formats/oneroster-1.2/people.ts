/**
 * OneRoster 1.2 users.csv, userProfiles.csv and roles.csv. Roles come from roles.csv (`roleType=primary` →
 * `isPrimary`); the user's first grade is carried over to its roles, and contact roles (parent, guardian,
 * relative) resolve the agent links once roles.csv is done.
 */
import type { HeaderPlan } from '../../header.js';
import type { RoleRecord, RosterMode, UserProfileRecord } from '../../model.js';
import { ROLE_TYPES } from '../../rules/value-lists.js';
import { detach, type RunContext } from '../../run-context.js';
import { DeltaColumns } from '../oneroster-common/delta.js';
import type { AgentLinks } from '../oneroster-common/people.js';
import { readRole, readUserPerson, USER_PERSON_COLUMNS } from '../oneroster-common/people.js';
import type { RowHandler } from '../types.js';

export interface Or12State {
  links: AgentLinks;
  /** First grade per user with grades (grade strings are the shared canonical codes). */
  grades: Map<string, string>;
}

export function or12Users(ctx: RunContext, plan: HeaderPlan, mode: RosterMode, state: Or12State): RowHandler {
  const c = plan.cols(...USER_PERSON_COLUMNS, 'agentSourcedIds', 'grades');
  const delta = new DeltaColumns(plan, mode);
  const seen = ctx.idsOf('persons');
  return {
    row(r) {
      const sourcedId = r.key(c.sourcedId);
      const d = delta.read(r);
      const grades = r.optGrades(c.grades, ctx.options.lists.grades);
      const person = readUserPerson(r, c, d, sourcedId, undefined);
      if (!ctx.accept(r, 'persons', sourcedId, seen, person)) return;
      if (grades !== undefined) state.grades.set(detach(sourcedId), grades[0]);
      state.links.add(sourcedId, r.optList(c.agentSourcedIds), r.line);
    },
  };
}

export function or12UserProfiles(ctx: RunContext, plan: HeaderPlan, mode: RosterMode): RowHandler {
  const c = plan.cols(
    'sourcedId',
    'userSourcedId',
    'profileType',
    'vendorId',
    'applicationId',
    'description',
    'credentialType',
    'username',
    'password',
  );
  const delta = new DeltaColumns(plan, mode);
  const seen = ctx.idsOf('userProfiles');
  return {
    row(r) {
      const sourcedId = r.key(c.sourcedId);
      const d = delta.read(r);
      const record: UserProfileRecord = {
        status: d.status,
        dateLastModified: d.dateLastModified,
        sourcedId,
        userSourcedId: ctx.ref(r, c.userSourcedId, r.reqId(c.userSourcedId), 'persons') ?? '',
        profileType: r.reqText(c.profileType),
        vendorId: r.reqText(c.vendorId),
        applicationId: r.optText(c.applicationId),
        description: r.optText(c.description),
        credentialType: r.optText(c.credentialType),
        username: r.optText(c.username),
        password: r.optText(c.password),
      };
      ctx.accept(r, 'userProfiles', sourcedId, seen, record);
    },
  };
}

export function or12Roles(ctx: RunContext, plan: HeaderPlan, mode: RosterMode, state: Or12State): RowHandler {
  const c = plan.cols(
    'sourcedId',
    'userSourcedId',
    'roleType',
    'role',
    'beginDate',
    'endDate',
    'orgSourcedId',
    'userProfileSourcedId',
  );
  const delta = new DeltaColumns(plan, mode);
  const seen = ctx.idsOf('roles');
  return {
    row(r) {
      const sourcedId = r.key(c.sourcedId);
      const d = delta.read(r);
      const userSourcedId = ctx.ref(r, c.userSourcedId, r.reqId(c.userSourcedId), 'persons') ?? '';
      const roleType = r.reqEnum(c.roleType, ROLE_TYPES);
      const role = readRole(r, c.role, ctx);
      const record: RoleRecord = {
        status: d.status,
        dateLastModified: d.dateLastModified,
        sourcedId,
        userSourcedId,
        orgSourcedId: ctx.ref(r, c.orgSourcedId, r.reqId(c.orgSourcedId), 'orgs') ?? '',
        role: role?.role ?? '',
        sessionSourcedId: undefined,
        grade: state.grades.get(userSourcedId),
        isPrimary: roleType === 'primary',
        startDate: r.optDate(c.beginDate),
        endDate: r.optDate(c.endDate),
      };
      ctx.ref(r, c.userProfileSourcedId, r.optId(c.userProfileSourcedId), 'userProfiles');
      if (role?.contact === true) {
        // A contact role is not an org role: it only puts the user on the contact side of agent links.
        if (ctx.admit(r, 'roles', sourcedId, seen)) state.links.noteRole(userSourcedId, role.role);
        return;
      }
      if (ctx.accept(r, 'roles', sourcedId, seen, record)) state.links.noteRole(userSourcedId, record.role);
    },
    end() {
      state.links.resolve(ctx);
      state.grades.clear();
    },
  };
}
