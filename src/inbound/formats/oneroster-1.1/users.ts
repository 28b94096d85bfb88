/**
 * OneRoster 1.1 users.csv → persons, plus one role per org in `orgSourcedIds` (spec roster-formats §5.1:
 * "each orgs[] entry becomes one roles.csv row"), and agent links for relationships.
 */
import type { HeaderPlan } from '../../header.js';
import type { PersonRecord, RoleRecord, RosterMode } from '../../model.js';
import type { RowReader } from '../../rules/row-reader.js';
import type { RunContext } from '../../run-context.js';
import { DeltaColumns } from '../oneroster-common/delta.js';
import type { AgentLinks } from '../oneroster-common/people.js';
import { readRole, readUserPerson, USER_PERSON_COLUMNS } from '../oneroster-common/people.js';
import { checkContact } from '../shared/contact.js';
import type { RowHandler } from '../types.js';

export function or11Users(ctx: RunContext, plan: HeaderPlan, mode: RosterMode, links: AgentLinks): RowHandler {
  const c = plan.cols(...USER_PERSON_COLUMNS, 'orgSourcedIds', 'role', 'agentSourcedIds', 'grades');
  const delta = new DeltaColumns(plan, mode);
  const seen = ctx.idsOf('persons');
  return {
    row(r) {
      const sourcedId = r.key(c.sourcedId);
      const d = delta.read(r);
      const role = readRole(r, c.role, ctx);
      const orgs = r.reqList(c.orgSourcedIds);
      const grades = r.optGrades(c.grades, ctx.options.lists.grades);
      const person = readUserPerson(r, c, d, sourcedId, role?.contact);
      if (role?.contact === true) checkContact(r, person, 'warning');
      if (!ctx.accept(r, 'persons', sourcedId, seen, person) || role === undefined) return;
      links.noteRole(sourcedId, role.role);
      links.add(sourcedId, r.optList(c.agentSourcedIds), r.line);
      if (!role.contact) emitRoles(ctx, r, { person, role: role.role, orgs, grade: grades?.[0] });
    },
    end: () => links.resolve(ctx),
  };
}

interface RoleSource {
  person: PersonRecord;
  role: string;
  orgs: string[];
  /** ADF joins `grades`; a role holds one grade, so the first valid one is kept. */
  grade: string | undefined;
}

function emitRoles(ctx: RunContext, r: RowReader, s: RoleSource): void {
  const orgs = ctx.idsOf('orgs');
  const checked = ctx.stateOf('orgs') === 'checked';
  for (const [i, org] of s.orgs.entries()) {
    if (s.orgs.indexOf(org) !== i) continue; // listed twice
    if (checked && !orgs.has(org)) {
      ctx.reject('roles');
      r.error(
        'UNKNOWN_REFERENCE',
        'orgSourcedIds',
        org,
        `orgSourcedIds ${org} is not a known org; the ${s.role} role there is skipped`,
      );
      continue;
    }
    const role: RoleRecord = {
      status: s.person.status,
      dateLastModified: s.person.dateLastModified,
      sourcedId: undefined,
      userSourcedId: s.person.sourcedId,
      orgSourcedId: org,
      role: s.role,
      sessionSourcedId: undefined,
      grade: s.grade,
      isPrimary: undefined,
      startDate: undefined,
      endDate: undefined,
    };
    ctx.emitter.push('roles', role);
  }
}
