/**
 * `--format auto`: decides the format from the file set.
 * manifest.csv with oneroster.version 1.1/1.2 → OneRoster; users.csv/orgs.csv/roles.csv without a manifest →
 * SDS v2.1. Legacy SDS v1 (School.csv, …) and SDS v2 (users.csv with orgSourcedIds and role, no roles.csv) are
 * recognised and rejected with UNSUPPORTED_FORMAT.
 */
import type { FindingSink } from './findings.js';
import { guardRead } from './guard.js';
import { MANIFEST, readManifest } from './manifest.js';
import type { Manifest } from './manifest.js';
import type { RosterFormat } from './model.js';
import { peekFile } from './peek.js';
import type { RosterSource } from './source.js';

export interface Detected {
  format: RosterFormat;
  manifest: Manifest | undefined;
}

const SDS_V1_FILES = [
  'school.csv',
  'section.csv',
  'student.csv',
  'teacher.csv',
  'studentenrollment.csv',
  'teacherroster.csv',
];
const SDS_V2_1_MARKERS = ['users.csv', 'orgs.csv', 'roles.csv'];

export async function detectFormat(
  source: RosterSource,
  requested: 'auto' | RosterFormat,
  sink: FindingSink,
  maxRecordBytes: number,
): Promise<Detected> {
  const names = [...source.files.keys()];
  const manifestFile = source.files.get(MANIFEST);
  if (manifestFile !== undefined) {
    const manifest = await readManifest(manifestFile, sink, maxRecordBytes);
    return { format: oneRosterVersion(manifest, requested, sink), manifest };
  }
  if (requested === 'oneroster-1.1' || requested === 'oneroster-1.2') {
    sink.fatal(MANIFEST, 0, 'MISSING_REQUIRED_FILE', `manifest.csv not found in ${source.path}`);
  }
  const v1 = names.filter((n) => SDS_V1_FILES.includes(n.toLowerCase()));
  if (v1.length > 0 && !names.some((n) => SDS_V2_1_MARKERS.includes(n))) {
    sink.fatal(
      v1[0],
      0,
      'UNSUPPORTED_FORMAT',
      `legacy SDS v1 (classic "SDS format") files found (${v1.join(', ')}): not supported; convert to SDS v2.1 CSV (orgs.csv, users.csv, roles.csv)`,
    );
  }
  const users = source.files.get('users.csv');
  if (users !== undefined) {
    const peek = await guardRead(users, sink, () => peekFile(users, maxRecordBytes));
    const header = new Set((peek.header ?? []).map((h) => h.trim()));
    // OneRoster users.csv also has orgSourcedIds and role (1.1), so look for its own marker first.
    if (header.has('enabledUser') && requested !== 'sds-v2.1') {
      sink.fatal(MANIFEST, 0, 'MISSING_REQUIRED_FILE', 'OneRoster users.csv found but manifest.csv is missing');
    }
    if (header.has('orgSourcedIds') && header.has('role') && !source.files.has('roles.csv')) {
      sink.fatal(
        'users.csv',
        peek.headerLine,
        'UNSUPPORTED_FORMAT',
        'SDS v2 (2020 preview) format found (users.csv with orgSourcedIds and role, no roles.csv): not supported; convert to SDS v2.1 (roles.csv)',
      );
    }
  }
  if (requested === 'sds-v2.1' || names.some((n) => SDS_V2_1_MARKERS.includes(n))) {
    return { format: 'sds-v2.1', manifest: undefined };
  }
  sink.fatal(source.path, 0, 'UNSUPPORTED_FORMAT', `no roster files found in ${source.path}${nestedHint(names)}`);
}

function oneRosterVersion(manifest: Manifest, requested: 'auto' | RosterFormat, sink: FindingSink): RosterFormat {
  const entry = manifest.properties.get('oneroster.version');
  const v = entry?.value.trim();
  const format = v === '1.1' ? 'oneroster-1.1' : v === '1.2' ? 'oneroster-1.2' : undefined;
  if (format === undefined) {
    const what = v === undefined ? 'has no oneroster.version' : `has oneroster.version ${v}`;
    sink.fatal(
      MANIFEST,
      entry?.line ?? 0,
      'UNSUPPORTED_FORMAT',
      `manifest.csv ${what}: only OneRoster 1.1 and 1.2 are supported`,
      'oneroster.version',
      v ?? '',
    );
  }
  if (requested !== 'auto' && requested !== format) {
    sink.fatal(
      MANIFEST,
      entry?.line ?? 0,
      'UNSUPPORTED_FORMAT',
      `manifest.csv declares OneRoster ${v} but ${requested} was requested`,
      'oneroster.version',
      v ?? '',
    );
  }
  return format;
}

/** Archives made with `zip -r pkg.zip pkg/` put every file under `pkg/`. */
function nestedHint(names: string[]): string {
  const nested = names.find((n) => n.includes('/') && /(manifest|users|orgs)\.csv$/.test(n));
  return nested === undefined ? '' : ` (found ${nested}: files must be at the root of the archive, not in a folder)`;
}
