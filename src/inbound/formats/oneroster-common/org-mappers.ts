/** OneRoster orgs, academicSessions, courses, classes and enrollments → normalized records (1.1 and 1.2). */
import type { HeaderPlan } from '../../header.js';
import type { ClassRecord, CourseRecord, EnrollmentRecord, OrgRecord, RosterMode, SessionRecord } from '../../model.js';
import { CLASS_TYPES, SESSION_TYPES } from '../../rules/value-lists.js';
import type { RunContext } from '../../run-context.js';
import { ParentCheck } from '../shared/parent-check.js';
import type { RowHandler } from '../types.js';
import { DeltaColumns } from './delta.js';

export function orOrgs(ctx: RunContext, plan: HeaderPlan, mode: RosterMode): RowHandler {
  const c = plan.cols('sourcedId', 'name', 'type', 'identifier', 'parentSourcedId');
  const delta = new DeltaColumns(plan, mode);
  const parents = new ParentCheck(ctx, 'orgs', 'orgs.csv', mode === 'bulk');
  return {
    row(r) {
      const sourcedId = r.key(c.sourcedId);
      const d = delta.read(r);
      const record: OrgRecord = {
        status: d.status,
        dateLastModified: d.dateLastModified,
        sourcedId,
        name: r.reqText(c.name),
        type: r.reqEnum(c.type, ctx.options.lists.orgTypes),
        parentSourcedId: r.optId(c.parentSourcedId),
        identifier: r.optText(c.identifier),
      };
      parents.keep(r, sourcedId, record);
    },
    end: () => parents.end(),
  };
}

export function orSessions(ctx: RunContext, plan: HeaderPlan, mode: RosterMode): RowHandler {
  const c = plan.cols('sourcedId', 'title', 'type', 'startDate', 'endDate', 'parentSourcedId', 'schoolYear');
  const delta = new DeltaColumns(plan, mode);
  const parents = new ParentCheck(ctx, 'sessions', 'academicSessions.csv', mode === 'bulk');
  return {
    row(r) {
      const sourcedId = r.key(c.sourcedId);
      const d = delta.read(r);
      const record: SessionRecord = {
        status: d.status,
        dateLastModified: d.dateLastModified,
        sourcedId,
        title: r.reqText(c.title),
        type: r.reqEnum(c.type, SESSION_TYPES),
        schoolYear: r.reqYear(c.schoolYear),
        startDate: r.reqDate(c.startDate),
        endDate: r.reqDate(c.endDate),
        parentSourcedId: r.optId(c.parentSourcedId),
      };
      parents.keep(r, sourcedId, record);
    },
    end: () => parents.end(),
  };
}

export function orCourses(ctx: RunContext, plan: HeaderPlan, mode: RosterMode): RowHandler {
  const c = plan.cols('sourcedId', 'schoolYearSourcedId', 'title', 'courseCode', 'grades', 'orgSourcedId', 'subjects');
  const delta = new DeltaColumns(plan, mode);
  const seen = ctx.idsOf('courses');
  return {
    row(r) {
      const sourcedId = r.key(c.sourcedId);
      const d = delta.read(r);
      const record: CourseRecord = {
        status: d.status,
        dateLastModified: d.dateLastModified,
        sourcedId,
        orgSourcedId: ctx.ref(r, c.orgSourcedId, r.reqId(c.orgSourcedId), 'orgs') ?? '',
        title: r.reqText(c.title),
        code: r.optText(c.courseCode),
        schoolYearSourcedId: ctx.ref(r, c.schoolYearSourcedId, r.optId(c.schoolYearSourcedId), 'sessions'),
        subjects: r.optList(c.subjects),
        grades: r.optGrades(c.grades, ctx.options.lists.grades),
      };
      ctx.accept(r, 'courses', sourcedId, seen, record);
    },
  };
}

export function orClasses(ctx: RunContext, plan: HeaderPlan, mode: RosterMode): RowHandler {
  const c = plan.cols(
    'sourcedId',
    'title',
    'grades',
    'courseSourcedId',
    'classCode',
    'classType',
    'schoolSourcedId',
    'termSourcedIds',
    'subjects',
  );
  const delta = new DeltaColumns(plan, mode);
  const seen = ctx.idsOf('classes');
  return {
    row(r) {
      const sourcedId = r.key(c.sourcedId);
      const d = delta.read(r);
      const record: ClassRecord = {
        status: d.status,
        dateLastModified: d.dateLastModified,
        sourcedId,
        orgSourcedId: ctx.ref(r, c.schoolSourcedId, r.reqId(c.schoolSourcedId), 'orgs') ?? '',
        title: r.reqText(c.title),
        sessionSourcedIds: ctx.refList(r, c.termSourcedIds, r.reqList(c.termSourcedIds), 'sessions'),
        courseSourcedId: ctx.ref(r, c.courseSourcedId, r.reqId(c.courseSourcedId), 'courses'),
        classCode: r.optText(c.classCode),
        classType: r.reqEnum(c.classType, CLASS_TYPES),
        grades: r.optGrades(c.grades, ctx.options.lists.grades),
        subjects: r.optList(c.subjects),
      };
      ctx.accept(r, 'classes', sourcedId, seen, record);
    },
  };
}

export function orEnrollments(ctx: RunContext, plan: HeaderPlan, mode: RosterMode): RowHandler {
  const c = plan.cols(
    'sourcedId',
    'classSourcedId',
    'schoolSourcedId',
    'userSourcedId',
    'role',
    'primary',
    'beginDate',
    'endDate',
  );
  const delta = new DeltaColumns(plan, mode);
  const seen = ctx.idsOf('enrollments');
  return {
    row(r) {
      const sourcedId = r.key(c.sourcedId);
      const d = delta.read(r);
      const record: EnrollmentRecord = {
        status: d.status,
        dateLastModified: d.dateLastModified,
        sourcedId,
        classSourcedId: ctx.ref(r, c.classSourcedId, r.reqId(c.classSourcedId), 'classes') ?? '',
        userSourcedId: ctx.ref(r, c.userSourcedId, r.reqId(c.userSourcedId), 'persons') ?? '',
        role: r.reqEnum(c.role, ctx.options.lists.enrollmentRoles),
        orgSourcedId: ctx.ref(r, c.schoolSourcedId, r.reqId(c.schoolSourcedId), 'orgs') ?? '',
        isPrimary: r.optBool(c.primary),
        beginDate: r.optDate(c.beginDate),
        endDate: r.optDate(c.endDate),
      };
      ctx.accept(r, 'enrollments', sourcedId, seen, record);
    },
  };
}
