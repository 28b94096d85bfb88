/**
 * Deterministic synthetic school district, written as SDS v2.1 CSV or OneRoster 1.1 CSV (bulk).
 *
 * Shape (see plan.ts, roster.ts):
 * - `persons` = students + staff, about 92 % / 8 %. Guardians are extra people on top of that
 *   number (`contacts` in the summary): 0–2 per family, families of one to a few siblings.
 * - One district org and one school per ~500 persons; with 3+ schools they are elementary
 *   (KG–05), middle (06–08) and high (09–12) schools, otherwise K-12 academies.
 * - Students get a grade from their age (KG, 01–12) and one homeroom class; classes are about one
 *   per 25 students of a school and grade, each with one teacher of that school.
 * - Staff roles are SDS RefRole codes (one principal per school, mostly teachers); ~5 % of staff
 *   also hold the same role in a second school (isPrimary FALSE there).
 * - User sourcedIds are numeric SIS-style numbers with a leading kind digit (1 student, 2 staff,
 *   3 contact), also written as the OneRoster `identifier` (the user number).
 *
 * The output is streamed: memory depends on the number of schools and name pairs, not persons.
 * Output never depends on the clock or Math.random: same options → byte-identical files.
 */
import { mkdir } from 'node:fs/promises';
import { OneRosterWriter } from './oneroster-writer.js';
import { PersonFactory } from './people.js';
import { planDistrict } from './plan.js';
import { Prng } from './prng.js';
import { writeStaff, writeStudents } from './roster.js';
import type { RosterContext } from './roster.js';
import { SdsWriter } from './sds-writer.js';
import type { DistrictSink, GenerateDistrictOptions, GeneratedDistrictSummary } from './types.js';

export type { GenerateDistrictOptions, GeneratedDistrictSummary, RosterFormat } from './types.js';

const DOMAIN = /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/;

export async function generateDistrict(opts: GenerateDistrictOptions): Promise<GeneratedDistrictSummary> {
  const persons = opts.persons;
  if (!Number.isSafeInteger(persons) || persons < 1)
    throw new RangeError(`persons must be a positive integer, got ${persons}`);
  const schoolCount = opts.schools ?? Math.max(1, Math.round(persons / 500));
  if (!Number.isSafeInteger(schoolCount) || schoolCount < 1)
    throw new RangeError(`schools must be a positive integer, got ${schoolCount}`);
  const domain = (opts.domain ?? 'contoso.edu').toLowerCase();
  if (!DOMAIN.test(domain)) throw new RangeError(`domain is not a valid DNS name: ${domain}`);
  const year = opts.schoolYear ?? 2025;
  if (!Number.isSafeInteger(year) || year < 1900 || year > 9998)
    throw new RangeError(`schoolYear out of range: ${year}`);
  const seed = (opts.seed ?? 1) >>> 0;
  const guardians = opts.guardians ?? true;

  await mkdir(opts.out, { recursive: true });
  const rng = new Prng(seed);
  const plan = planDistrict(persons, schoolCount, domain, year, rng);
  const sink: DistrictSink =
    opts.format === 'sds-v2.1'
      ? new SdsWriter(opts.out, guardians)
      : opts.format === 'oneroster-1.1'
        ? new OneRosterWriter(opts.out)
        : unknownFormat(opts.format);
  const ctx: RosterContext = {
    plan,
    sink,
    people: new PersonFactory(rng, seed, domain, year),
    rng,
    seed,
    guardians,
    counts: { roles: 0, enrollments: 0, relationships: 0, contacts: 0 },
  };
  try {
    const orgs = [plan.district, ...plan.schools.map((s) => s.org)];
    sink.orgs(orgs);
    sink.sessions(plan.sessions, plan.yearId);
    sink.courses(plan.courses);
    sink.classes(plan.classes);
    await writeStaff(ctx);
    await writeStudents(ctx);
    await sink.close();
    return {
      persons,
      students: plan.students,
      staff: plan.staff,
      contacts: ctx.counts.contacts,
      orgs: orgs.length,
      roles: ctx.counts.roles,
      classes: plan.classes.length,
      enrollments: ctx.counts.enrollments,
      relationships: ctx.counts.relationships,
      files: sink.files,
    };
  } catch (err) {
    sink.abort();
    throw err;
  }
}

function unknownFormat(format: never): never {
  throw new RangeError(`unknown format: ${String(format)}`);
}
