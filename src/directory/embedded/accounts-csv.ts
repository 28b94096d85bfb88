import { parse } from 'csv-parse/sync';
import { invalid } from '../../lib/errors.js';
import type { AgeGroup, ManagedAttributes, MinorConsent } from '../types.js';

/**
 * Reads an accounts CSV for `rosterlink directory import`. Columns are named after Graph user properties
 * (any case, any order); `userPrincipalName` is required, the rest optional. Empty cells mean "not given".
 * Pure: text in, rows and per-line problems out.
 */
export interface AccountCsvRow {
  /** 1-based physical line of the record in the file. */
  line: number;
  userPrincipalName: string;
  /** Managed attributes given on the row. */
  attributes: Partial<ManagedAttributes>;
  /** Only used when the account is created. */
  password?: string;
  forceChangePasswordNextSignIn?: boolean;
}

export interface CsvProblem {
  line: number;
  message: string;
}

type Setter = (row: AccountCsvRow, value: string) => string | null;

const text =
  (
    key:
      | 'displayName'
      | 'givenName'
      | 'surname'
      | 'mail'
      | 'mailNickname'
      | 'usageLocation'
      | 'employeeId'
      | 'anchor'
      | 'grade'
      | 'userNumber',
  ): Setter =>
  (row, value) => {
    row.attributes[key] = value;
    return null;
  };
const bool =
  (apply: (row: AccountCsvRow, v: boolean) => void, name: string): Setter =>
  (row, value) => {
    const v = value.toLowerCase();
    if (v !== 'true' && v !== 'false') return `${name} must be true or false, not '${value}'`;
    apply(row, v === 'true');
    return null;
  };

/** Known columns, by lower-case name. */
const COLUMNS: Record<string, Setter> = {
  userprincipalname: (row, value) => ((row.userPrincipalName = value), null),
  displayname: text('displayName'),
  givenname: text('givenName'),
  surname: text('surname'),
  mail: text('mail'),
  mailnickname: text('mailNickname'),
  usagelocation: text('usageLocation'),
  employeeid: text('employeeId'),
  anchor: text('anchor'),
  grade: text('grade'),
  usernumber: text('userNumber'),
  accountenabled: bool((row, v) => (row.attributes.accountEnabled = v), 'accountEnabled'),
  forcechangepasswordnextsignin: bool(
    (row, v) => (row.forceChangePasswordNextSignIn = v),
    'forceChangePasswordNextSignIn',
  ),
  password: (row, value) => ((row.password = value), null),
  agegroup: (row, value) => ((row.attributes.ageGroup = value as AgeGroup), null),
  consentprovidedforminor: (row, value) => ((row.attributes.consentProvidedForMinor = value as MinorConsent), null),
};

export const ACCOUNT_CSV_COLUMNS = Object.keys(COLUMNS);

/** Parses the file; a bad header or broken quoting is thrown as a `DomainError`, bad rows come back as problems. */
export function parseAccountsCsv(content: string): { rows: AccountCsvRow[]; problems: CsvProblem[] } {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    // `info: true` makes each record `{ record, info }`; the typings do not follow the option.
    records = parse(content, {
      bom: true,
      info: true,
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
    }) as unknown as typeof records;
  } catch (err) {
    throw invalid(`accounts CSV: ${(err as Error).message}`);
  }
  if (records.length === 0) throw invalid('accounts CSV: the file is empty; a header line is required.');
  const header = records[0].record.map((h) => h.toLowerCase());
  const unknown = records[0].record.filter((_, i) => !Object.hasOwn(COLUMNS, header[i]));
  if (unknown.length > 0) {
    throw invalid(
      `accounts CSV: unknown column(s) ${unknown.map((u) => `'${u}'`).join(', ')}; known: ${ACCOUNT_CSV_COLUMNS.join(', ')}`,
    );
  }
  if (!header.includes('userprincipalname')) throw invalid('accounts CSV: the userPrincipalName column is required.');
  const repeated = header.find((h, i) => header.indexOf(h) !== i);
  if (repeated) throw invalid(`accounts CSV: column '${repeated}' appears twice.`);

  const rows: AccountCsvRow[] = [];
  const problems: CsvProblem[] = [];
  for (const { record, info } of records.slice(1)) {
    // info.lines is where the record ends; quoted line breaks inside it move its first line back.
    const line = info.lines - record.reduce((n, field) => n + (field.match(/\n/g)?.length ?? 0), 0);
    if (record.length !== header.length) {
      problems.push({ line, message: `expected ${header.length} fields, found ${record.length}` });
      continue;
    }
    const row: AccountCsvRow = { line, userPrincipalName: '', attributes: {} };
    const errors = record
      .flatMap((value, i) => (value === '' ? [] : [COLUMNS[header[i]](row, value)]))
      .filter((e) => e !== null);
    if (!row.userPrincipalName) errors.push('userPrincipalName is empty');
    if (errors.length > 0) problems.push({ line, message: errors.join('; ') });
    else rows.push(row);
  }
  return { rows, problems };
}
