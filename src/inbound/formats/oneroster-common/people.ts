/**
 * OneRoster people rules shared by 1.1 and 1.2: role mapping to SDS roles and contact relationships from
 * `agentSourcedIds` (spec roster-formats §5).
 */
import type { Col } from '../../header.js';
import type { PersonRecord, RelationshipRecord } from '../../model.js';
import type { RowReader } from '../../rules/row-reader.js';
import { CONTACT_ROLES, ONEROSTER_ROLES } from '../../rules/value-lists.js';
import { detach, type RunContext } from '../../run-context.js';
import type { DeltaValues } from './delta.js';

export interface MappedRole {
  /** parent / guardian / relative: the user is a contact and gets no org role. */
  contact: boolean;
  /** The contact role, or the SDS RefRole code. */
  role: string;
}

/** The users.csv columns that make the person, the same in 1.1 and 1.2. */
export const USER_PERSON_COLUMNS = [
  'sourcedId',
  'enabledUser',
  'username',
  'givenName',
  'familyName',
  'middleName',
  'identifier',
  'email',
  'sms',
  'phone',
  'password',
] as const;

/** The person of one users.csv row (1.1 and 1.2); `isContact` is known from the row's role in 1.1 only. */
export function readUserPerson(
  r: RowReader,
  c: Record<(typeof USER_PERSON_COLUMNS)[number], Col>,
  d: DeltaValues,
  sourcedId: string,
  isContact: boolean | undefined,
): PersonRecord {
  return {
    status: d.status,
    dateLastModified: d.dateLastModified,
    sourcedId,
    username: r.reqId(c.username),
    givenName: r.reqText(c.givenName),
    familyName: r.reqText(c.familyName),
    middleName: r.optText(c.middleName),
    password: r.optText(c.password),
    activeDirectoryMatchId: undefined,
    email: r.optEmail(c.email),
    phone: r.optPhone(c.phone),
    sms: r.optPhone(c.sms),
    userNumber: r.optId(c.identifier),
    enabledUser: r.reqBool(c.enabledUser),
    isContact,
  };
}

/**
 * A OneRoster role → SDS role (through `roleMap`), or a contact role. The OneRoster list "may be extended":
 * an SDS RefRole code is accepted as it is. Anything else is INVALID_ENUM (required value: record error).
 */
export function readRole(r: RowReader, c: Col, ctx: RunContext): MappedRole | undefined {
  const raw = r.raw(c).trim();
  if (raw === '') {
    r.missing(c);
    return undefined;
  }
  const code = ONEROSTER_ROLES.match(raw);
  const contact = code === undefined ? undefined : CONTACT_ROLES.match(code);
  if (contact !== undefined) return { contact: true, role: contact };
  const mapped = code === undefined ? undefined : ctx.options.roleMap[code];
  if (mapped !== undefined) return { contact: false, role: mapped };
  const sds = ctx.options.lists.roles.match(raw);
  if (sds !== undefined) return { contact: false, role: sds };
  r.invalid(c, raw, 'INVALID_ENUM', 'a known OneRoster role', true);
  return undefined;
}

/**
 * `agentSourcedIds` links, resolved once every user's role is known (after users.csv in 1.1, after roles.csv in
 * 1.2). A link becomes a relationship when exactly one side is a contact (parent, guardian, relative) or an aide,
 * with that side's role as relationshipRole (the ADF template's mapping). Both directions of one link yield one
 * relationship. Links between two students/staff, or two contacts, are INVALID_AGENT warnings.
 */
export class AgentLinks {
  private users: string[] = [];
  private agents: string[] = [];
  private lines: number[] = [];
  private readonly linkRoles = new Map<string, string>();

  constructor(private readonly file: string) {}

  add(user: string, agents: readonly string[] | undefined, line: number): void {
    if (agents === undefined) return;
    for (const agent of agents) {
      this.users.push(detach(user));
      this.agents.push(detach(agent));
      this.lines.push(line);
    }
  }

  /** Records a role that can sit on the contact side of a link. */
  noteRole(user: string, role: string): void {
    if (role === 'aide' || CONTACT_ROLES.match(role) !== undefined) {
      if (!this.linkRoles.has(user) || role !== 'aide') this.linkRoles.set(detach(user), role);
    }
  }

  resolve(ctx: RunContext): void {
    const persons = ctx.idsOf('persons');
    const checked = ctx.stateOf('persons') === 'checked';
    const seen = new Set<string>();
    for (let i = 0; i < this.users.length; i++) {
      const user = this.users[i];
      const agent = this.agents[i];
      if (!persons.has(agent)) {
        if (checked)
          this.report(ctx, i, 'error', 'UNKNOWN_REFERENCE', `agent ${agent} is not a known user; link skipped`);
        else this.report(ctx, i, 'warning', 'INVALID_AGENT', `agent ${agent} is not in this delta; link not resolved`);
        continue;
      }
      const userRole = this.linkRoles.get(user);
      const agentRole = this.linkRoles.get(agent);
      if ((userRole === undefined) === (agentRole === undefined)) {
        const why =
          userRole === undefined ? 'neither user is a parent, guardian, relative or aide' : 'both users are contacts';
        this.report(ctx, i, 'warning', 'INVALID_AGENT', `agent ${agent}: ${why}; link ignored`);
        continue;
      }
      const student = userRole === undefined ? user : agent;
      const contact = userRole === undefined ? agent : user;
      const key = `${student}\u0000${contact}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const record: RelationshipRecord = {
        userSourcedId: student,
        relationshipUserSourcedId: contact,
        relationshipRole: userRole ?? agentRole ?? 'other',
      };
      ctx.emitter.push('relationships', record);
    }
    this.users = [];
    this.agents = [];
    this.lines = [];
  }

  private report(
    ctx: RunContext,
    i: number,
    severity: 'error' | 'warning',
    code: 'UNKNOWN_REFERENCE' | 'INVALID_AGENT',
    message: string,
  ): void {
    if (severity === 'error') ctx.reject('relationships');
    ctx.sink.add(this.file, this.lines[i], this.users[i], severity, code, 'agentSourcedIds', this.agents[i], message);
  }
}
