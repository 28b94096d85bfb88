/** OneRoster 1.2 CSV reader. */
import type { HeaderPlan } from '../../header.js';
import type { RosterMode } from '../../model.js';
import type { RunContext } from '../../run-context.js';
import { orDemographics } from '../oneroster-common/demographics.js';
import { ONEROSTER_OTHER_FILES } from '../oneroster-common/files.js';
import { orClasses, orCourses, orEnrollments, orOrgs, orSessions } from '../oneroster-common/org-mappers.js';
import { AgentLinks } from '../oneroster-common/people.js';
import type { FileSpec, FormatReader, RowHandler } from '../types.js';
import { OR12_READ_ORDER } from './files.js';
import { or12Roles, or12UserProfiles, or12Users } from './people.js';
import type { Or12State } from './people.js';

type Begin = (plan: HeaderPlan, mode: RosterMode) => RowHandler;

export function oneRoster12Reader(ctx: RunContext): FormatReader {
  const state: Or12State = { links: new AgentLinks('users.csv'), grades: new Map() };
  let hasRoles = false;
  const handlers: Record<string, Begin> = {
    'orgs.csv': (p, m) => orOrgs(ctx, p, m),
    'academicSessions.csv': (p, m) => orSessions(ctx, p, m),
    'courses.csv': (p, m) => orCourses(ctx, p, m),
    'users.csv': (p, m) => or12Users(ctx, p, m, state),
    'userProfiles.csv': (p, m) => or12UserProfiles(ctx, p, m),
    'roles.csv': (p, m) => or12Roles(ctx, p, m, state),
    'classes.csv': (p, m) => orClasses(ctx, p, m),
    'enrollments.csv': (p, m) => orEnrollments(ctx, p, m),
    'demographics.csv': (p, m) => orDemographics(ctx, p, m),
  };
  return {
    format: 'oneroster-1.2',
    files: OR12_READ_ORDER,
    otherFiles: ONEROSTER_OTHER_FILES,
    begin: (spec: FileSpec, plan: HeaderPlan, mode: RosterMode) => handlers[spec.name](plan, mode),
    async prepare(files) {
      hasRoles = files.has('roles.csv');
    },
    afterFile(spec) {
      // Without roles.csv (a delta without role changes) the links are resolved with what users.csv gave.
      if (spec.name === 'users.csv' && !hasRoles) state.links.resolve(ctx);
    },
  };
}
