/** SDS v2.1 users, roles, demographics, userFlags and relationships → normalized records. */
import type { HeaderPlan } from '../../header.js';
import {
  roleIdentity,
  type DemographicRecord,
  type PersonRecord,
  type RelationshipRecord,
  type RoleRecord,
  type UserFlagRecord,
} from '../../model.js';
import { ETHNICITY_CODES, RACE_CODES, SEXES, USER_FLAGS } from '../../rules/value-lists.js';
import { IdSet, type RunContext } from '../../run-context.js';
import { checkContact } from '../shared/contact.js';
import type { RowHandler } from '../types.js';

/** `contacts`: users named as relationshipUserSourcedId in relationships.csv (read ahead by the format). */
export function sdsUsers(ctx: RunContext, plan: HeaderPlan, contacts: IdSet): RowHandler {
  const c = plan.cols(
    'sourcedId',
    'username',
    'givenName',
    'familyName',
    'password',
    'activeDirectoryMatchId',
    'email',
    'phone',
    'sms',
    'userNumber',
  );
  const seen = ctx.idsOf('persons');
  return {
    row(r) {
      const sourcedId = r.key(c.sourcedId);
      const isContact = contacts.has(sourcedId);
      const record: PersonRecord = {
        sourcedId,
        username: r.reqId(c.username),
        givenName: r.optText(c.givenName),
        familyName: r.optText(c.familyName),
        middleName: undefined,
        password: r.optText(c.password),
        activeDirectoryMatchId: r.optId(c.activeDirectoryMatchId),
        email: r.optEmail(c.email),
        phone: r.optPhone(c.phone),
        sms: r.optPhone(c.sms),
        userNumber: r.optId(c.userNumber),
        enabledUser: undefined,
        isContact,
      };
      // SDS: contacts need a name and an email; without them the contact record is an error.
      if (isContact) checkContact(r, record, 'error');
      ctx.accept(r, 'persons', sourcedId, seen, record);
    },
  };
}

export function sdsRoles(ctx: RunContext, plan: HeaderPlan): RowHandler {
  const c = plan.cols(
    'userSourcedId',
    'orgSourcedId',
    'role',
    'sessionSourcedId',
    'grade',
    'isPrimary',
    'roleStartDate',
    'roleEndDate',
  );
  // No sourcedId in SDS roles: a role is unique per (user, org, role, session), its roleIdentity.
  const seen = new IdSet();
  const { roles, grades } = ctx.options.lists;
  return {
    row(r) {
      const userSourcedId = ctx.ref(r, c.userSourcedId, r.key(c.userSourcedId), 'persons') ?? '';
      const orgSourcedId = ctx.ref(r, c.orgSourcedId, r.reqId(c.orgSourcedId), 'orgs') ?? '';
      const record: RoleRecord = {
        sourcedId: undefined,
        userSourcedId,
        orgSourcedId,
        role: r.reqEnum(c.role, roles),
        sessionSourcedId: ctx.ref(r, c.sessionSourcedId, r.optId(c.sessionSourcedId), 'sessions'),
        grade: r.optGrade(c.grade, grades),
        isPrimary: r.optBool(c.isPrimary),
        startDate: r.optDate(c.roleStartDate),
        endDate: r.optDate(c.roleEndDate),
      };
      ctx.accept(r, 'roles', roleIdentity(record, '\u0000'), seen, record);
    },
  };
}

export function sdsDemographics(ctx: RunContext, plan: HeaderPlan): RowHandler {
  const c = plan.cols(
    'userSourcedId',
    'sex',
    'birthDate',
    'birthCity',
    'birthState',
    'birthCountry',
    'ethnicityCodes',
    'raceCodes',
  );
  const seen = new IdSet();
  return {
    row(r) {
      const userSourcedId = ctx.ref(r, c.userSourcedId, r.key(c.userSourcedId), 'persons') ?? '';
      const record: DemographicRecord = {
        userSourcedId,
        sex: r.optEnum(c.sex, SEXES),
        birthDate: r.optDate(c.birthDate),
        birthCity: r.optText(c.birthCity),
        birthState: r.optText(c.birthState),
        birthCountry: r.optText(c.birthCountry),
        ethnicityCodes: r.optEnumList(c.ethnicityCodes, ETHNICITY_CODES),
        raceCodes: r.optEnumList(c.raceCodes, RACE_CODES),
      };
      ctx.accept(r, 'demographics', userSourcedId, seen, record);
    },
  };
}

export function sdsUserFlags(ctx: RunContext, plan: HeaderPlan): RowHandler {
  const c = plan.cols('userSourcedId', 'flag');
  const seen = new IdSet();
  return {
    row(r) {
      const userSourcedId = ctx.ref(r, c.userSourcedId, r.key(c.userSourcedId), 'persons') ?? '';
      const raw = r.reqText(c.flag).trim();
      // An open list: known flags get their canonical spelling, others are kept as received.
      const record: UserFlagRecord = { userSourcedId, flag: USER_FLAGS.match(raw) ?? raw };
      ctx.accept(r, 'userFlags', `${userSourcedId}\u0000${record.flag}`, seen, record);
    },
  };
}

export function sdsRelationships(ctx: RunContext, plan: HeaderPlan): RowHandler {
  const c = plan.cols('userSourcedId', 'relationshipUserSourcedId', 'relationshipRole');
  const seen = new IdSet();
  return {
    row(r) {
      const userSourcedId = ctx.ref(r, c.userSourcedId, r.key(c.userSourcedId), 'persons') ?? '';
      const contact = r.reqId(c.relationshipUserSourcedId);
      const record: RelationshipRecord = {
        userSourcedId,
        relationshipUserSourcedId: ctx.ref(r, c.relationshipUserSourcedId, contact, 'persons') ?? '',
        relationshipRole: r.reqEnum(c.relationshipRole, ctx.options.lists.relationshipRoles),
      };
      ctx.accept(r, 'relationships', `${userSourcedId}\u0000${record.relationshipUserSourcedId}`, seen, record);
    },
  };
}
