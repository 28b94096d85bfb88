import type { HeaderPlan } from '../header.js';
import type { EntityName, RosterFormat, RosterMode } from '../model.js';
import type { RowReader } from '../rules/row-reader.js';
import type { SourceFile } from '../source.js';

export interface ColumnSpec {
  readonly name: string;
  /** The header must be present (catastrophic otherwise) and the value must be non-empty (record error). */
  readonly required: boolean;
}

/** One roster file of a format: its exact (case-sensitive) name and its columns in the defined order. */
export interface FileSpec {
  readonly name: string;
  /** The entity the file mainly feeds; used for counts and the empty-file rule. */
  readonly entity: EntityName;
  readonly columns: readonly ColumnSpec[];
  /** An empty bulk file would deactivate every record of the entity: stop the run instead. */
  readonly core: boolean;
  /** OneRoster rules: header order is checked, status/dateLastModified are delta columns. */
  readonly oneRoster: boolean;
}

/** `cols('sourcedId*', 'name')`: a trailing `*` marks a required column. */
export function cols(...names: string[]): ColumnSpec[] {
  return names.map((n) => (n.endsWith('*') ? { name: n.slice(0, -1), required: true } : { name: n, required: false }));
}

export function fileSpec(
  name: string,
  entity: EntityName,
  columns: readonly ColumnSpec[],
  flags: { core?: boolean; oneRoster?: boolean } = {},
): FileSpec {
  return { name, entity, columns, core: flags.core ?? false, oneRoster: flags.oneRoster ?? false };
}

/** Handles the rows of one file. `end` runs after the last row (deferred checks, buffered records). */
export interface RowHandler {
  row(r: RowReader): void;
  end?(): void;
}

/** A format's reader for one run: its files in read order and a row handler per file. */
export interface FormatReader {
  readonly format: RosterFormat;
  /** Files provisioning reads, in dependency order. */
  readonly files: readonly FileSpec[];
  /** Other files the format defines (gradebook, resources…): present or not, they are ignored without a finding. */
  readonly otherFiles: ReadonlySet<string>;
  /** Called once per file with its header plan and mode. */
  begin(spec: FileSpec, plan: HeaderPlan, mode: RosterMode): RowHandler;
  /** Runs after `spec` has been read completely (e.g. resolve agent links after roles.csv). */
  afterFile?(spec: FileSpec): void;
  /** Runs before any row is read, with the files that will be read (e.g. the SDS contact prescan). */
  prepare?(files: ReadonlyMap<string, SourceFile>): Promise<void>;
}
