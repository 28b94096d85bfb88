/**
 * The person loops: staff first (so each class knows its teacher), then students school by
 * school and grade by grade, each followed by the guardians of a new family.
 *
 * Siblings: a student shares a family (family name and guardians) with the student at the same
 * position in the grade below of the same school, with probability SIBLING_SHARE. The decision
 * is a hash of the position, so the first child can list all of its siblings' ids before they
 * are written, and only the previous grade's families are kept in memory.
 */
import type { DistrictPlan, SchoolPlan } from './plan.js';
import { GRADES } from './plan.js';
import type { PersonFactory } from './people.js';
import { cumulative, hashUnit } from './prng.js';
import type { Prng } from './prng.js';
import type { ClassInfo, ContactLink, ContactRole, DistrictSink, RoleAssignment } from './types.js';

const SIBLING_SHARE = 0.2;
const MULTI_SCHOOL_SHARE = 0.05;
/** SDS RefRole codes for staff other than the principal (counselors are `advisor` in SDS). */
const STAFF_ROLES = [
  'teacher',
  'teacherAssistant',
  'paraprofessional',
  'administrator',
  'advisor',
  'specialServices',
  'officeStaff',
  'substitute',
  'nurse',
  'coach',
  'itAdmin',
  'speechTherapist',
];
const STAFF_WEIGHTS = cumulative([72, 5, 4, 3, 3, 3, 4, 2, 1.5, 1.5, 1, 1]);
/** Guardians per family: none (missing data happens), one, two. */
const GUARDIAN_COUNT = cumulative([3, 42, 55]);

export interface RosterCounts {
  roles: number;
  enrollments: number;
  relationships: number;
  contacts: number;
}

export interface RosterContext {
  plan: DistrictPlan;
  sink: DistrictSink;
  people: PersonFactory;
  rng: Prng;
  seed: number;
  guardians: boolean;
  counts: RosterCounts;
}

const userId = (kind: 1 | 2 | 3, n: number, width: number): string => `${kind}${String(n).padStart(width, '0')}`;

function staffRoles(rng: Prng, n: number, hasClasses: boolean): string[] {
  const roles = Array.from({ length: n }, (_, j) =>
    j === 0 && n >= 2 ? 'principal' : STAFF_ROLES[rng.weighted(STAFF_WEIGHTS)],
  );
  if (hasClasses && n > 0 && !roles.includes('teacher')) roles[n - 1] = 'teacher';
  return roles;
}

export async function writeStaff(ctx: RosterContext): Promise<void> {
  const { plan, sink, people, rng, counts } = ctx;
  const schoolCount = plan.schools.length;
  for (const [s, school] of plan.schools.entries()) {
    const classCount = school.sections.reduce((a, b) => a + b, 0);
    const roles = staffRoles(rng, school.staff, classCount > 0);
    const teachers = roles.flatMap((r, j) => (r === 'teacher' ? [j] : []));
    for (let j = 0; j < school.staff; j++) {
      const person = people.staff(userId(2, school.staffStart + j + 1, plan.idWidth));
      const assigned: RoleAssignment[] = [
        { orgSourcedId: school.org.sourcedId, role: roles[j], grade: '', isPrimary: true },
      ];
      if (schoolCount >= 2 && roles[j] !== 'principal' && rng.chance(MULTI_SCHOOL_SHARE)) {
        const other = plan.schools[(s + 1 + rng.int(schoolCount - 1)) % schoolCount];
        assigned.push({ orgSourcedId: other.org.sourcedId, role: roles[j], grade: '', isPrimary: false });
      }
      // Class k of the school goes to teacher k mod T, so every class has exactly one teacher.
      const t = teachers.indexOf(j);
      const teaches: ClassInfo[] = [];
      for (let k = t; t >= 0 && k < classCount; k += teachers.length)
        teaches.push(plan.classes[school.classStart[0] + k]);
      sink.staff(person, assigned, teaches);
      counts.roles += assigned.length;
      counts.enrollments += teaches.length;
      if ((j & 63) === 63) await sink.tick();
    }
    await sink.tick();
  }
}

interface Families {
  last: Int32Array;
  /** Number of the first guardian (0 = none) and how many there are. */
  firstContact: Int32Array;
  contactCount: Uint8Array;
}

const families = (n: number): Families => ({
  last: new Int32Array(n),
  firstContact: new Int32Array(n),
  contactCount: new Uint8Array(n),
});

function contactRole(seed: number, contactNo: number): ContactRole {
  const r = hashUnit(seed, contactNo, 0x51b);
  return r < 0.82 ? 'parent' : r < 0.95 ? 'guardian' : 'relative';
}

export async function writeStudents(ctx: RosterContext): Promise<void> {
  const { plan, sink, people, rng, seed, counts } = ctx;
  const w = plan.idWidth;
  let contactNo = 0;
  for (const [s, school] of plan.schools.entries()) {
    const isSibling = (g: number, i: number): boolean =>
      g > 0 && i < school.counts[g] && i < school.counts[g - 1] && hashUnit(seed, s, g, i) < SIBLING_SHARE;
    let prev = families(0);
    for (let g = 0; g < GRADES.length; g++) {
      const n = school.counts[g];
      const cur = families(n);
      const role: RoleAssignment = {
        orgSourcedId: school.org.sourcedId,
        role: 'student',
        grade: GRADES[g],
        isPrimary: true,
      };
      for (let i = 0; i < n; i++) {
        const sibling = isSibling(g, i);
        const last = sibling ? prev.last[i] : people.pickLast();
        let first = sibling ? prev.firstContact[i] : 0;
        const count = sibling ? prev.contactCount[i] : ctx.guardians ? rng.weighted(GUARDIAN_COUNT) : 0;
        if (!sibling && count > 0) {
          first = contactNo + 1;
          contactNo += count;
        }
        const contacts: ContactLink[] = [];
        for (let k = 0; k < count; k++)
          contacts.push({ sourcedId: userId(3, first + k, w), role: contactRole(seed, first + k) });
        const person = people.student(userId(1, school.studentStart[g] + i + 1, w), g, last);
        const cls = plan.classes[school.classStart[g] + Math.floor((i * school.sections[g]) / n)];
        sink.student(person, role, cls, contacts);
        if (!sibling && count > 0) writeFamily(ctx, school, g, i, last, contacts, isSibling);
        counts.roles++;
        if (cls) counts.enrollments++;
        counts.relationships += count;
        cur.last[i] = last;
        cur.firstContact[i] = first;
        cur.contactCount[i] = count;
        if ((i & 63) === 63) await sink.tick();
      }
      prev = cur;
      await sink.tick();
    }
  }
  counts.contacts = contactNo;
}

/** Guardians of a new family; their children are this student and the siblings above it. */
function writeFamily(
  ctx: RosterContext,
  school: SchoolPlan,
  g: number,
  i: number,
  last: number,
  contacts: readonly ContactLink[],
  isSibling: (g: number, i: number) => boolean,
): void {
  const { people, rng, plan } = ctx;
  const children = [userId(1, school.studentStart[g] + i + 1, plan.idWidth)];
  for (let g2 = g + 1; g2 < GRADES.length && isSibling(g2, i); g2++) {
    children.push(userId(1, school.studentStart[g2] + i + 1, plan.idWidth));
  }
  const firstSex = people.pickSex(0.65);
  contacts.forEach((c, k) => {
    // The second guardian is usually the other parent and often shares the family name.
    const sex = k === 0 ? firstSex : rng.chance(0.85) ? (firstSex === 'female' ? 'male' : 'female') : firstSex;
    const family = k === 0 || rng.chance(0.75) ? last : people.pickLast();
    ctx.sink.contact(people.contact(c.sourcedId, sex, family), c.role, school.org.sourcedId, children);
  });
}
