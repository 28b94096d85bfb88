/**
 * State shared by the files of one read: findings, emitted ids per entity (for duplicate and reference checks),
 * record emission and the resolved options. Id sets are the only per-record memory the reader keeps.
 */
import type { RecordEmitter } from './emitter.js';
import type { FindingSink } from './findings.js';
import type { Col } from './header.js';
import { ENTITY_NAMES } from './model.js';
import type { EntityName, EntityRecordMap } from './model.js';
import type { EnumList } from './rules/enum-list.js';
import type { RowReader } from './rules/row-reader.js';

/**
 * How references into an entity are checked:
 * `checked` – its file was read in bulk: unknown ids are errors;
 * `unchecked` – delta: the id may exist from an earlier load;
 * `absent` – no file in a bulk package: references are dropped with a warning (spec §5.2).
 */
export type EntityState = 'checked' | 'unchecked' | 'absent';

export interface ValueLists {
  orgTypes: EnumList;
  roles: EnumList;
  grades: EnumList;
  enrollmentRoles: EnumList;
  relationshipRoles: EnumList;
}

export interface ResolvedOptions {
  maxFieldLength: number;
  maxRecordBytes: number;
  /** OneRoster role → SDS role. */
  roleMap: Readonly<Record<string, string>>;
  lists: ValueLists;
  requireClasses: boolean;
}

export interface EntityCount {
  accepted: number;
  rejected: number;
}

export class RunContext {
  readonly rejected = {} as Record<EntityName, number>;
  private readonly ids = new Map<EntityName, IdSet>();
  private readonly states = new Map<EntityName, { state: EntityState; file: string }>();

  constructor(
    readonly sink: FindingSink,
    readonly emitter: RecordEmitter,
    readonly options: ResolvedOptions,
  ) {
    for (const e of ENTITY_NAMES) this.rejected[e] = 0;
  }

  idsOf(entity: EntityName): IdSet {
    let set = this.ids.get(entity);
    if (set === undefined) this.ids.set(entity, (set = new IdSet()));
    return set;
  }

  setState(entity: EntityName, state: EntityState, file: string): void {
    this.states.set(entity, { state, file });
  }

  stateOf(entity: EntityName): EntityState {
    return this.states.get(entity)?.state ?? 'absent';
  }

  /**
   * Emits a record identified by `key` unless the row failed or the key was already accepted
   * (DUPLICATE_ID: the later record is the one dropped).
   */
  accept<E extends EntityName>(r: RowReader, entity: E, key: string, seen: IdSet, record: EntityRecordMap[E]): boolean {
    if (!this.admit(r, entity, key, seen)) return false;
    this.emitter.push(entity, record);
    return true;
  }

  /** The duplicate check and registration of `accept`, without emitting (for records emitted later). */
  admit(r: RowReader, entity: EntityName, key: string, seen: IdSet): boolean {
    if (r.failed) {
      this.rejected[entity]++;
      return false;
    }
    // One hash operation instead of has() + add(): on multi-million-row files this is the hottest line.
    const before = seen.size;
    seen.add(key);
    if (seen.size !== before) return true;
    const shown = key.replaceAll('\u0000', ' / ');
    r.error('DUPLICATE_ID', '', shown, `duplicate ${describeKey(entity)} ${shown}; the first occurrence is kept`);
    this.rejected[entity]++;
    return false;
  }

  reject(entity: EntityName): void {
    this.rejected[entity]++;
  }

  /**
   * Checks a reference. Unknown ids are reported with `severity` (error drops the record, warning only the
   * value); references into an absent optional file are dropped with one warning per file and column.
   */
  ref(
    r: RowReader,
    c: Col,
    value: string | undefined,
    target: EntityName,
    severity: 'error' | 'warning' = 'error',
  ): string | undefined {
    if (value === undefined || value === '') return value;
    const state = this.stateOf(target);
    if (state === 'unchecked') return value;
    if (state === 'absent') {
      this.absent(r, c, target);
      return undefined;
    }
    if (this.idsOf(target).has(value)) return value;
    const msg = `${c.name} ${value} is not a known ${describeKey(target)}`;
    if (severity === 'error')
      r.error('UNKNOWN_REFERENCE', c.name, value, `${msg} (missing or rejected); record skipped`);
    else r.warn('UNKNOWN_REFERENCE', c.name, value, `${msg}; value dropped`);
    return undefined;
  }

  /** `ref` for each item of a list (e.g. a class's sessionSourcedIds). */
  refList(r: RowReader, c: Col, values: string[] | undefined, target: EntityName): string[] | undefined {
    if (values === undefined) return undefined;
    const out: string[] = [];
    for (const v of values) {
      const ok = this.ref(r, c, v, target);
      if (ok !== undefined) out.push(ok);
    }
    return out.length === 0 ? undefined : out;
  }

  private absent(r: RowReader, c: Col, target: EntityName): void {
    const file = FILE_OF[target];
    this.sink.once(`absent:${r.file}:${c.name}`, () => [
      r.file,
      r.line,
      r.sourcedId,
      'warning',
      'REFERENCED_FILE_ABSENT',
      c.name,
      r.raw(c),
      `${c.name} refers to ${file}, which is not in the package: ${c.name} values of ${r.file} are dropped`,
    ]);
  }
}

/**
 * A set of ids or composite keys, for duplicate and reference checks over millions of rows. An id written as a
 * plain integer of up to 9 digits (no sign, no leading zero) is kept as that number, as one bit in a page of a
 * bitmap: no hashing, no string kept, and SIS ids come in runs, so a district's ids share a few pages. Pages are
 * allocated up to a budget; numbers of pages that were never allocated (sparse ids) go to a Set as numbers.
 * Every other key is kept as a string (detached, see below). The mapping is one-to-one, so membership is exactly
 * that of a Set of the strings.
 */
export class IdSet {
  private readonly set = new Set<string | number>();
  // Preallocated (holey, not sparse): ids near 10^9 would otherwise turn the array into a dictionary.
  private readonly pages: (Uint32Array | undefined)[] = new Array<Uint32Array | undefined>(PAGE_SLOTS);
  private pageCount = 0;
  private count = 0;

  constructor(private readonly maxPages = MAX_PAGES) {}

  get size(): number {
    return this.count;
  }

  add(key: string): this {
    const k = compact(key);
    if (typeof k === 'number') {
      const page = this.pageFor(k >>> PAGE_BITS);
      if (page !== undefined) {
        const word = (k & PAGE_MASK) >>> 5;
        const bit = 1 << (k & 31);
        if ((page[word] & bit) === 0) {
          page[word] |= bit;
          this.count++;
        }
        return this;
      }
    }
    const before = this.set.size;
    this.set.add(typeof k === 'number' ? k : detach(k));
    this.count += this.set.size - before;
    return this;
  }

  has(key: string): boolean {
    const k = compact(key);
    if (typeof k === 'number') {
      const page = this.pages[k >>> PAGE_BITS];
      if (page !== undefined) return (page[(k & PAGE_MASK) >>> 5] & (1 << (k & 31))) !== 0;
    }
    return this.set.has(k);
  }

  /** The page of page number `p`, allocated on first use while the budget lasts; once out, no page is added. */
  private pageFor(p: number): Uint32Array | undefined {
    const page = this.pages[p];
    if (page !== undefined || this.pageCount >= this.maxPages) return page;
    this.pageCount++;
    return (this.pages[p] = new Uint32Array(PAGE_WORDS));
  }
}

/** 2^16 ids per page (8 KiB); at most 2 048 pages (16 MiB, 134 M ids) per set. */
const PAGE_BITS = 16;
const PAGE_MASK = (1 << PAGE_BITS) - 1;
const PAGE_WORDS = (1 << PAGE_BITS) / 32;
const MAX_PAGES = 2048;
/** Pages that 9-digit ids (< 10^9) can fall in. */
const PAGE_SLOTS = Math.ceil(1e9 / (1 << PAGE_BITS));

function compact(key: string): string | number {
  const n = key.length;
  if (n === 0 || n > 9 || (n > 1 && key.charCodeAt(0) === 48)) return key;
  let v = 0;
  for (let i = 0; i < n; i++) {
    const d = key.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return key;
    v = v * 10 + d;
  }
  return v;
}

/**
 * A copy of `s` that keeps no larger string alive, for strings the reader holds on to for the whole read (id
 * sets, agent links). V8 makes a substring of 13 or more characters a slice of its parent, and the CSV fast
 * path's values are substrings of a 1 MiB chunk: an id kept as such would keep its whole chunk.
 */
export function detach(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

const FILE_OF: Record<EntityName, string> = {
  orgs: 'orgs.csv',
  sessions: 'academicSessions.csv',
  courses: 'courses.csv',
  persons: 'users.csv',
  userProfiles: 'userProfiles.csv',
  roles: 'roles.csv',
  classes: 'classes.csv',
  enrollments: 'enrollments.csv',
  demographics: 'demographics.csv',
  userFlags: 'userFlags.csv',
  relationships: 'relationships.csv',
};

function describeKey(entity: EntityName): string {
  switch (entity) {
    case 'persons':
      return 'user';
    case 'orgs':
      return 'org';
    case 'sessions':
      return 'academic session';
    case 'courses':
      return 'course';
    case 'classes':
      return 'class';
    case 'userProfiles':
      return 'user profile';
    default:
      return `${entity} key`;
  }
}
