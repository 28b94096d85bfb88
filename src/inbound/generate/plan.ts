/**
 * The district's shape, fixed before any person is written: schools and their grade bands,
 * students per school and grade, sections (classes) and staff per school. Everything here is
 * O(schools × grades), so the person loop can stream and still know every id it refers to.
 */
import { LANDFORMS, PLACES, SCHOOL_NAMESAKES } from './names.js';
import type { Prng } from './prng.js';
import type { ClassInfo, Course, Org, Session } from './types.js';

export const GRADES = ['KG', '01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12'] as const;
const STUDENT_SHARE = 0.92;
const CLASS_SIZE = 25;

type Band = 'elementary' | 'middle' | 'high' | 'k12';
const BAND_GRADES: Record<Band, readonly [number, number]> = {
  elementary: [0, 5],
  middle: [6, 8],
  high: [9, 12],
  k12: [0, 12],
};
const BAND_LABEL: Record<Band, string> = {
  elementary: 'Elementary School',
  middle: 'Middle School',
  high: 'High School',
  k12: 'Academy',
};

export interface SchoolPlan {
  org: Org;
  /** Students per grade index (0 = KG). */
  counts: number[];
  /** Global 0-based number of the first student of each grade. */
  studentStart: number[];
  /** Classes per grade, and the index (into DistrictPlan.classes) of the first one. */
  sections: number[];
  classStart: number[];
  staff: number;
  staffStart: number;
}

export interface DistrictPlan {
  district: Org;
  schools: SchoolPlan[];
  sessions: Session[];
  yearId: string;
  courses: Course[];
  classes: ClassInfo[];
  students: number;
  staff: number;
  /** Digits of the numeric part of user ids, wide enough for every kind. */
  idWidth: number;
}

/** Splits `total` in proportion to `weights` (largest remainder; ties go to the lower index). */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum <= 0 || total <= 0) return weights.map(() => 0);
  const exact = weights.map((w) => (total * w) / sum);
  const out = exact.map(Math.floor);
  let left = total - out.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => i).sort((a, b) => exact[b] - out[b] - (exact[a] - out[a]) || a - b);
  for (let k = 0; left > 0; k++, left--) out[order[k % order.length]]++;
  return out;
}

function bands(n: number): Band[] {
  if (n < 3) return new Array<Band>(n).fill('k12');
  const e = Math.max(1, Math.floor(n * 0.5));
  const m = Math.max(1, Math.floor(n * 0.25));
  return [
    ...new Array<Band>(e).fill('elementary'),
    ...new Array<Band>(m).fill('middle'),
    ...new Array<Band>(n - e - m).fill('high'),
  ];
}

/** Unique school names: namesake or place+landform, numbered only once the pool runs out. */
function schoolNames(rng: Prng, list: readonly Band[]): string[] {
  const pool = [...SCHOOL_NAMESAKES, ...PLACES.flatMap((p) => LANDFORMS.map((l) => `${p} ${l}`))];
  const used = new Map<Band, Set<string>>();
  return list.map((band) => {
    const seen = used.get(band) ?? new Set<string>();
    used.set(band, seen);
    let base = pool[rng.skewed(pool.length)];
    for (let tries = 0; seen.has(base) && tries < 20; tries++) base = pool[rng.int(pool.length)];
    let name = base;
    for (let k = 2; seen.has(name); k++) name = `${base} ${k}`;
    seen.add(name);
    return `${name} ${BAND_LABEL[band]}`;
  });
}

function districtName(domain: string): string {
  const label =
    domain
      .split('.')[0]
      .replace(/[^A-Za-z0-9]+/g, ' ')
      .trim() || 'Contoso';
  return `${label.charAt(0).toUpperCase()}${label.slice(1)} School District`;
}

function sessionsFor(year: number): Session[] {
  const id = `sy-${year}`;
  const next = year + 1;
  return [
    {
      sourcedId: id,
      title: `${year}-${next} School Year`,
      type: 'schoolYear',
      startDate: `${year}-08-25`,
      endDate: `${next}-06-12`,
      parentSourcedId: '',
      startYear: year,
    },
    {
      sourcedId: `${id}-s1`,
      title: `Fall Semester ${year}`,
      type: 'semester',
      startDate: `${year}-08-25`,
      endDate: `${year}-12-19`,
      parentSourcedId: id,
      startYear: year,
    },
    {
      sourcedId: `${id}-s2`,
      title: `Spring Semester ${next}`,
      type: 'semester',
      startDate: `${next}-01-05`,
      endDate: `${next}-06-12`,
      parentSourcedId: id,
      startYear: year,
    },
  ];
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

export function gradeLabel(grade: number): string {
  return grade === 0 ? 'Kindergarten' : `Grade ${grade}`;
}

export function planDistrict(
  persons: number,
  schoolCount: number,
  domain: string,
  year: number,
  rng: Prng,
): DistrictPlan {
  // Each school needs at least one staff member to teach its classes, even in tiny districts.
  const staff = Math.min(persons - 1, Math.max(persons - Math.round(persons * STUDENT_SHARE), schoolCount));
  const students = persons - staff;
  const orgWidth = Math.max(4, String(schoolCount).length);
  const district: Org = {
    sourcedId: `org-${pad(0, orgWidth)}`,
    name: districtName(domain),
    type: 'district',
    identifier: pad(0, orgWidth),
    parentSourcedId: '',
  };
  const schoolBands = bands(schoolCount);
  const names = schoolNames(rng, schoolBands);
  const size = schoolBands.map(() => 0.6 + 0.8 * rng.next());
  const counts = schoolBands.map(() => new Array<number>(GRADES.length).fill(0));
  // Slightly uneven cohorts; then each grade is shared among the schools that teach it.
  const perGrade = apportion(
    students,
    GRADES.map(() => 0.96 + 0.08 * rng.next()),
  );
  perGrade.forEach((total, g) => {
    const w = schoolBands.map((b, s) => (BAND_GRADES[b][0] <= g && g <= BAND_GRADES[b][1] ? size[s] : 0));
    apportion(total, w).forEach((c, s) => (counts[s][g] = c));
  });
  const totals = counts.map((c) => c.reduce((a, b) => a + b, 0));
  // Every school gets one staff member first (if there are enough), the rest follows enrolment.
  const base = staff >= schoolCount ? 1 : 0;
  const staffPer = apportion(staff - base * schoolCount, totals).map((c) => c + base);
  const sessions = sessionsFor(year);
  const courses: Course[] = [];
  const classes: ClassInfo[] = [];
  const schools: SchoolPlan[] = [];
  let studentNo = 0;
  let staffNo = 0;
  schoolBands.forEach((band, s) => {
    const id = pad(s + 1, orgWidth);
    const org: Org = {
      sourcedId: `org-${id}`,
      name: names[s],
      type: 'school',
      identifier: id,
      parentSourcedId: district.sourcedId,
    };
    const plan: SchoolPlan = {
      org,
      counts: counts[s],
      studentStart: [],
      sections: [],
      classStart: [],
      staff: staffPer[s],
      staffStart: staffNo,
    };
    staffNo += staffPer[s];
    GRADES.forEach((grade, g) => {
      const n = counts[s][g];
      plan.studentStart.push(studentNo);
      studentNo += n;
      const sections = n > 0 ? Math.max(1, Math.round(n / CLASS_SIZE)) : 0;
      plan.sections.push(sections);
      plan.classStart.push(classes.length);
      if (sections === 0) return;
      const courseId = `crs-${id}-${grade}`;
      const title = `${gradeLabel(g)} Homeroom`;
      courses.push({ sourcedId: courseId, orgSourcedId: org.sourcedId, title, code: `HR${grade}`, grade });
      for (let k = 0; k < sections; k++) {
        const room = 101 + classes.length - plan.classStart[0];
        classes.push({
          sourcedId: `cls-${pad(classes.length + 1, 6)}`,
          orgSourcedId: org.sourcedId,
          courseSourcedId: courseId,
          title: `${title} ${String.fromCharCode(65 + (k % 26))}${k >= 26 ? Math.floor(k / 26) : ''}`,
          code: `HR${grade}-${k + 1}`,
          grade,
          location: `Room ${room}`,
        });
      }
    });
    schools.push(plan);
  });
  const idWidth = String(Math.max(staff, 2 * students, 1)).length;
  return { district, schools, sessions, yearId: sessions[0].sourcedId, courses, classes, students, staff, idWidth };
}
