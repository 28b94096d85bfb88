/**
 * Which files of the source are read, in which mode, and what is wrong with the file set:
 * MISSING_REQUIRED_FILE and (SDS) UNSUPPORTED_FILE are catastrophic; OneRoster files the manifest does not
 * list are UNLISTED_FILE warnings and unknown files UNSUPPORTED_FILE warnings (the manifest, not the folder,
 * says what the package holds).
 */
import type { FindingSink } from './findings.js';
import type { FileSpec, FormatReader } from './formats/types.js';
import { suggest } from './header.js';
import { MANIFEST } from './manifest.js';
import type { Manifest } from './manifest.js';
import type { RosterMode } from './model.js';
import type { RosterSource, SourceFile } from './source.js';

export interface FileJob {
  spec: FileSpec;
  file: SourceFile;
  mode: RosterMode;
}

export interface ReadPlan {
  jobs: FileJob[];
  /** `delta` when any file is read as delta. */
  mode: RosterMode;
  /** Specs of the format with no file to read. */
  absent: FileSpec[];
}

export function planFiles(
  reader: FormatReader,
  source: RosterSource,
  manifest: Manifest | undefined,
  sink: FindingSink,
  requireClasses: boolean,
): ReadPlan {
  const jobs: FileJob[] = [];
  const absent: FileSpec[] = [];
  // Report bad `file.*` values even for files provisioning does not read: the manifest is one artefact.
  for (const key of manifest?.properties.keys() ?? []) {
    if (key.startsWith('file.')) manifest?.fileMode(`${key.slice(5)}.csv`, sink);
  }
  for (const spec of reader.files) {
    const file = source.files.get(spec.name);
    const mode = manifest === undefined ? (file === undefined ? 'absent' : 'bulk') : manifest.fileMode(spec.name, sink);
    if (mode !== 'absent' && file === undefined) {
      sink.fatal(
        spec.name,
        0,
        'MISSING_REQUIRED_FILE',
        `${missing(spec.name, source)} (manifest.csv lists it as ${mode})`,
      );
    }
    if (mode === 'absent' || file === undefined) {
      absent.push(spec);
      if (file !== undefined) unlisted(spec.name, sink);
      continue;
    }
    jobs.push({ spec, file, mode });
  }
  const mode: RosterMode = jobs.some((j) => j.mode === 'delta') ? 'delta' : 'bulk';
  if (mode === 'bulk') requireFiles(reader, jobs, source, sink, requireClasses);
  checkUnknown(reader, source, sink);
  return { jobs, mode, absent };
}

/** A bulk package is the full truth: without its core files every person would be deactivated. */
function requireFiles(
  reader: FormatReader,
  jobs: FileJob[],
  source: RosterSource,
  sink: FindingSink,
  requireClasses: boolean,
): void {
  const have = new Set(jobs.map((j) => j.spec.name));
  for (const spec of reader.files) {
    if (spec.core && !have.has(spec.name))
      sink.fatal(spec.name, 0, 'MISSING_REQUIRED_FILE', missing(spec.name, source));
  }
  if ((have.has('enrollments.csv') || requireClasses) && !have.has('classes.csv')) {
    sink.fatal(
      'classes.csv',
      0,
      'MISSING_REQUIRED_FILE',
      `${missing('classes.csv', source)}: enrollments need classes`,
    );
  }
  if (requireClasses && !have.has('enrollments.csv')) {
    const why = 'required to manage classes';
    sink.fatal('enrollments.csv', 0, 'MISSING_REQUIRED_FILE', `${missing('enrollments.csv', source)}: ${why}`);
  }
}

function checkUnknown(reader: FormatReader, source: RosterSource, sink: FindingSink): void {
  const known = new Set(reader.files.map((s) => s.name));
  const sds = reader.format === 'sds-v2.1';
  for (const name of source.files.keys()) {
    if (known.has(name) || reader.otherFiles.has(name) || (!sds && name === MANIFEST)) continue;
    const hint = suggest(name, known);
    const tail = hint === undefined ? '' : ` (did you mean ${hint}? file names are case-sensitive)`;
    if (sds) {
      sink.fatal(name, 0, 'UNSUPPORTED_FILE', `${name} is not an SDS v2.1 file${tail}: remove it from the upload`);
    }
    sink.add(
      name,
      0,
      '',
      'warning',
      'UNSUPPORTED_FILE',
      '',
      '',
      `${name} is not a ${reader.format} file${tail}: ignored`,
    );
  }
}

function unlisted(name: string, sink: FindingSink): void {
  sink.add(
    name,
    0,
    '',
    'warning',
    'UNLISTED_FILE',
    '',
    '',
    `${name} is present but manifest.csv does not list it: ignored`,
  );
}

function missing(name: string, source: RosterSource): string {
  const hint = suggest(name, source.files.keys());
  const tail = hint === undefined ? '' : ` (found ${hint}: file names are case-sensitive)`;
  return `${name} not found in ${source.path}${tail}`;
}
