/** OneRoster 1.1 CSV reader. */
import type { HeaderPlan } from '../../header.js';
import type { RosterMode } from '../../model.js';
import type { RunContext } from '../../run-context.js';
import { ONEROSTER_OTHER_FILES } from '../oneroster-common/files.js';
import { orDemographics } from '../oneroster-common/demographics.js';
import { orClasses, orCourses, orEnrollments, orOrgs, orSessions } from '../oneroster-common/org-mappers.js';
import { AgentLinks } from '../oneroster-common/people.js';
import type { FileSpec, FormatReader, RowHandler } from '../types.js';
import { OR11_READ_ORDER } from './files.js';
import { or11Users } from './users.js';

type Begin = (plan: HeaderPlan, mode: RosterMode) => RowHandler;

export function oneRoster11Reader(ctx: RunContext): FormatReader {
  const links = new AgentLinks('users.csv');
  const handlers: Record<string, Begin> = {
    'orgs.csv': (p, m) => orOrgs(ctx, p, m),
    'academicSessions.csv': (p, m) => orSessions(ctx, p, m),
    'courses.csv': (p, m) => orCourses(ctx, p, m),
    'users.csv': (p, m) => or11Users(ctx, p, m, links),
    'classes.csv': (p, m) => orClasses(ctx, p, m),
    'enrollments.csv': (p, m) => orEnrollments(ctx, p, m),
    'demographics.csv': (p, m) => orDemographics(ctx, p, m),
  };
  return {
    format: 'oneroster-1.1',
    files: OR11_READ_ORDER,
    otherFiles: ONEROSTER_OTHER_FILES,
    begin: (spec: FileSpec, plan: HeaderPlan, mode: RosterMode) => handlers[spec.name](plan, mode),
  };
}
