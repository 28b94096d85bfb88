/**
 * Builds people: names, unique usernames, birth dates that fit the grade, demographics.
 * Usernames are `first.lastNNN@domain`. NNN starts at a per-name offset (100–899, from a
 * hash) and counts up per first/last pair, so names are unique without a set of every
 * username ever issued: memory is one counter per name pair, not per person.
 */
import { BIRTH_PLACES, FEMALE_FIRST, GUARDIAN_DOMAINS, LAST, MALE_FIRST } from './names.js';
import { cumulative, hashUnit } from './prng.js';
import type { Prng } from './prng.js';
import type { Person, Sex } from './types.js';

const DAY_MS = 86_400_000;
const AREA_CODES = ['206', '253', '360', '425', '509'];
const RACES = [
  'white',
  'blackOrAfricanAmerican',
  'asian',
  'americanIndianOrAlaskaNative',
  'nativeHawaiianOrOtherPacificIslander',
  'demographicRaceTwoOrMoreRaces',
  '',
];
const RACE_WEIGHTS = cumulative([46, 14, 12, 2, 1, 9, 16]);

const key = (name: string): string => name.toLowerCase().replace(/[^a-z]/g, '');

type Namespace = 'school' | 'outside';

export class PersonFactory {
  private readonly first = [...FEMALE_FIRST, ...MALE_FIRST];
  private readonly firstKey = this.first.map(key);
  private readonly lastKey = LAST.map(key);
  private readonly counters: Record<Namespace, Uint32Array>;

  constructor(
    private readonly rng: Prng,
    private readonly seed: number,
    private readonly domain: string,
    private readonly year: number,
  ) {
    const pairs = this.first.length * LAST.length;
    this.counters = { school: new Uint32Array(pairs), outside: new Uint32Array(pairs) };
  }

  /** Index into LAST, for family names shared by siblings and guardians. */
  pickLast(): number {
    return this.rng.skewed(LAST.length);
  }

  pickSex(femaleShare = 0.5): Sex {
    return this.rng.chance(femaleShare) ? 'female' : 'male';
  }

  /** A student of grade index `grade` (0 = KG): aged 5 + grade on 1 September. */
  student(sourcedId: string, grade: number, last: number): Person {
    const sex = this.pickSex(0.49);
    const p = this.base(sourcedId, sex, last, 'school', this.rng.chance(0.55));
    // Born between 2 September (year − 6 − grade) and 1 September (year − 5 − grade).
    const from = Date.UTC(this.year - 6 - grade, 8, 2);
    p.birthDate = isoDate(from + this.rng.int(365) * DAY_MS);
    return p;
  }

  staff(sourcedId: string): Person {
    const sex = this.pickSex(0.74); // most K-12 staff are women
    const p = this.base(sourcedId, sex, this.pickLast(), 'school', this.rng.chance(0.4));
    const age = this.rng.range(23, 64);
    p.birthDate = isoDate(Date.UTC(this.year - age, 0, 1) + this.rng.int(365) * DAY_MS);
    // Staff sign in with their school account; matching on it mirrors Microsoft's sample.
    p.email = p.username;
    p.activeDirectoryMatchId = p.username;
    return p;
  }

  /** A guardian: outside mail domain as username and email, often a phone, no demographics. */
  contact(sourcedId: string, sex: Sex, last: number): Person {
    const p = this.base(sourcedId, sex, last, 'outside', false);
    p.email = p.username;
    if (this.rng.chance(0.75)) {
      p.phone = `+1${AREA_CODES[this.rng.int(AREA_CODES.length)]}555${String(this.rng.int(10_000)).padStart(4, '0')}`;
      if (this.rng.chance(0.6)) p.sms = p.phone;
    }
    p.birthDate = '';
    p.birthCity = p.birthState = p.ethnicityCodes = p.raceCodes = '';
    return p;
  }

  private base(sourcedId: string, sex: Sex, last: number, ns: Namespace, middle: boolean): Person {
    const first = this.pickFirst(sex);
    const middleName = middle ? this.first[this.pickFirstOther(sex, first)] : '';
    const place = BIRTH_PLACES[this.rng.skewed(BIRTH_PLACES.length)];
    return {
      sourcedId,
      givenName: this.first[first],
      familyName: LAST[last],
      middleName,
      username: this.username(first, last, ns),
      email: '',
      phone: '',
      sms: '',
      activeDirectoryMatchId: '',
      sex,
      birthDate: '',
      birthCity: place[0],
      birthState: place[1],
      ethnicityCodes: this.rng.chance(0.26) ? 'hispanicOrLatinoEthnicity' : '',
      raceCodes: RACES[this.rng.weighted(RACE_WEIGHTS)],
    };
  }

  private pickFirst(sex: Sex): number {
    return sex === 'female'
      ? this.rng.skewed(FEMALE_FIRST.length)
      : FEMALE_FIRST.length + this.rng.skewed(MALE_FIRST.length);
  }

  private pickFirstOther(sex: Sex, not: number): number {
    const pick = this.pickFirst(sex);
    return pick === not ? this.pickFirst(sex) : pick;
  }

  private username(first: number, last: number, ns: Namespace): string {
    const pair = first * LAST.length + last;
    const offset = 100 + Math.floor(hashUnit(this.seed, pair, ns === 'school' ? 1 : 2) * 800);
    const n = offset + this.counters[ns][pair]++;
    const domain = ns === 'school' ? this.domain : GUARDIAN_DOMAINS[this.rng.skewed(GUARDIAN_DOMAINS.length)];
    return `${this.firstKey[first]}.${this.lastKey[last]}${n}@${domain}`;
  }
}

/** Birth dates repeat a lot (a few thousand distinct days), so formatting is cached per day. */
const dateCache = new Map<number, string>();

function isoDate(ms: number): string {
  let s = dateCache.get(ms);
  if (s === undefined) {
    s = new Date(ms).toISOString().slice(0, 10);
    dateCache.set(ms, s);
  }
  return s;
}
