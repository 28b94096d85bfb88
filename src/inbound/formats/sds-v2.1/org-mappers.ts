/** SDS v2.1 orgs, academicSessions, courses, classes and enrollments → normalized records. */
import type { HeaderPlan } from '../../header.js';
import type { ClassRecord, CourseRecord, EnrollmentRecord, OrgRecord, SessionRecord } from '../../model.js';
import { SESSION_TYPES } from '../../rules/value-lists.js';
import { IdSet, type RunContext } from '../../run-context.js';
import { ParentCheck } from '../shared/parent-check.js';
import type { RowHandler } from '../types.js';

export function sdsOrgs(ctx: RunContext, plan: HeaderPlan): RowHandler {
  const c = plan.cols('sourcedId', 'name', 'type', 'parentSourcedId');
  const parents = new ParentCheck(ctx, 'orgs', 'orgs.csv', true);
  return {
    row(r) {
      const sourcedId = r.key(c.sourcedId);
      const record: OrgRecord = {
        sourcedId,
        name: r.reqText(c.name),
        type: r.reqEnum(c.type, ctx.options.lists.orgTypes),
        parentSourcedId: r.optId(c.parentSourcedId),
        identifier: undefined,
      };
      parents.keep(r, sourcedId, record);
    },
    end: () => parents.end(),
  };
}

export function sdsSessions(ctx: RunContext, plan: HeaderPlan): RowHandler {
  const c = plan.cols('sourcedId', 'title', 'type', 'schoolYear', 'startDate', 'endDate');
  const seen = ctx.idsOf('sessions');
  return {
    row(r) {
      const sourcedId = r.key(c.sourcedId);
      const record: SessionRecord = {
        sourcedId,
        title: r.reqText(c.title),
        type: r.reqEnum(c.type, SESSION_TYPES),
        schoolYear: r.reqYear(c.schoolYear),
        startDate: r.reqDate(c.startDate),
        endDate: r.reqDate(c.endDate),
        parentSourcedId: undefined,
      };
      ctx.accept(r, 'sessions', sourcedId, seen, record);
    },
  };
}

export function sdsCourses(ctx: RunContext, plan: HeaderPlan): RowHandler {
  const c = plan.cols('sourcedId', 'orgSourcedId', 'title', 'code', 'schoolYearSourcedId', 'subject', 'grade');
  const seen = ctx.idsOf('courses');
  return {
    row(r) {
      const sourcedId = r.key(c.sourcedId);
      const subject = r.optText(c.subject);
      const grade = r.optGrade(c.grade, ctx.options.lists.grades);
      const record: CourseRecord = {
        sourcedId,
        orgSourcedId: ctx.ref(r, c.orgSourcedId, r.reqId(c.orgSourcedId), 'orgs') ?? '',
        title: r.reqText(c.title),
        code: r.optText(c.code),
        schoolYearSourcedId: ctx.ref(r, c.schoolYearSourcedId, r.optId(c.schoolYearSourcedId), 'sessions'),
        subjects: subject === undefined ? undefined : [subject],
        grades: grade === undefined ? undefined : [grade],
      };
      ctx.accept(r, 'courses', sourcedId, seen, record);
    },
  };
}

export function sdsClasses(ctx: RunContext, plan: HeaderPlan): RowHandler {
  const c = plan.cols('sourcedId', 'orgSourcedId', 'title', 'sessionSourcedIds', 'courseSourcedId', 'code');
  const seen = ctx.idsOf('classes');
  return {
    row(r) {
      const sourcedId = r.key(c.sourcedId);
      const record: ClassRecord = {
        sourcedId,
        orgSourcedId: ctx.ref(r, c.orgSourcedId, r.reqId(c.orgSourcedId), 'orgs') ?? '',
        title: r.reqText(c.title),
        sessionSourcedIds: ctx.refList(r, c.sessionSourcedIds, r.optList(c.sessionSourcedIds), 'sessions'),
        courseSourcedId: ctx.ref(r, c.courseSourcedId, r.optId(c.courseSourcedId), 'courses'),
        classCode: r.optText(c.code),
        classType: undefined,
        grades: undefined,
        subjects: undefined,
      };
      ctx.accept(r, 'classes', sourcedId, seen, record);
    },
  };
}

export function sdsEnrollments(ctx: RunContext, plan: HeaderPlan): RowHandler {
  const c = plan.cols('classSourcedId', 'userSourcedId', 'role');
  // No sourcedId in SDS enrollments: one enrollment per (class, user).
  const seen = new IdSet();
  return {
    row(r) {
      r.sourcedId = r.raw(c.userSourcedId).trim();
      const classSourcedId = ctx.ref(r, c.classSourcedId, r.reqId(c.classSourcedId), 'classes') ?? '';
      const userSourcedId = ctx.ref(r, c.userSourcedId, r.reqId(c.userSourcedId), 'persons') ?? '';
      const record: EnrollmentRecord = {
        sourcedId: undefined,
        classSourcedId,
        userSourcedId,
        role: r.reqEnum(c.role, ctx.options.lists.enrollmentRoles),
        orgSourcedId: undefined,
        isPrimary: undefined,
        beginDate: undefined,
        endDate: undefined,
      };
      ctx.accept(r, 'enrollments', `${classSourcedId}\u0000${userSourcedId}`, seen, record);
    },
  };
}
