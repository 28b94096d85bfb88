/**
 * OneRoster manifest.csv (spec roster-formats §3.2): `propertyName,value` rows such as
 * `oneroster.version,1.2` and `file.users,bulk`.
 */
import type { FindingSink } from './findings.js';
import { guardRead } from './guard.js';
import type { RosterMode } from './model.js';
import { readSmallFile } from './peek.js';
import type { SourceFile } from './source.js';

export const MANIFEST = 'manifest.csv';

export interface ManifestEntry {
  value: string;
  line: number;
}

export class Manifest {
  constructor(readonly properties: ReadonlyMap<string, ManifestEntry>) {}

  get version(): string | undefined {
    return this.properties.get('oneroster.version')?.value;
  }

  /**
   * The processing mode of `name` (e.g. `users.csv` → `file.users`), or `absent`. An empty or unknown value
   * is reported once (INVALID_MANIFEST_VALUE) and read as absent.
   */
  fileMode(name: string, sink: FindingSink): RosterMode | 'absent' {
    const key = `file.${name.replace(/\.csv$/, '')}`;
    const entry = this.properties.get(key);
    if (entry === undefined) return 'absent';
    const v = entry.value.trim().toLowerCase();
    if (v === 'bulk' || v === 'delta' || v === 'absent') return v;
    sink.once(`manifest:${key}`, () => [
      MANIFEST,
      entry.line,
      '',
      'warning',
      'INVALID_MANIFEST_VALUE',
      key,
      entry.value,
      `${key} must be absent, bulk or delta; got ${JSON.stringify(entry.value)}: treated as absent`,
    ]);
    return 'absent';
  }
}

export async function readManifest(file: SourceFile, sink: FindingSink, maxRecordBytes: number): Promise<Manifest> {
  const rows = await guardRead(file, sink, () =>
    readSmallFile(file, maxRecordBytes, (line, code, message) =>
      sink.add(MANIFEST, line, '', 'error', 'MALFORMED_ROW', '', '', `${code}: ${message}; row skipped`),
    ),
  );
  const header = rows[0];
  if (header === undefined) sink.fatal(MANIFEST, 0, 'EMPTY_FILE', 'manifest.csv is empty');
  const names = header.fields.map((f) => f.trim());
  for (const required of ['propertyName', 'value']) {
    if (!names.includes(required)) {
      sink.fatal(MANIFEST, header.line, 'MISSING_REQUIRED_HEADER', `${required} not found in manifest.csv`, required);
    }
  }
  const iName = names.indexOf('propertyName');
  const iValue = names.indexOf('value');
  const properties = new Map<string, ManifestEntry>();
  for (const row of rows.slice(1)) {
    const name = (row.fields[iName] ?? '').trim();
    if (name !== '' && !properties.has(name)) properties.set(name, { value: row.fields[iValue] ?? '', line: row.line });
  }
  return new Manifest(properties);
}
