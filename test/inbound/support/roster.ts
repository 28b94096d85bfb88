import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readRoster } from '../../../src/inbound/read-roster.js';
import type { ReadRosterOptions, RosterReadResult } from '../../../src/inbound/read-roster.js';
import type { Finding } from '../../../src/inbound/model.js';
import { FAULTS_DIR } from './shared-data.js';

/** A fresh temporary folder; removed by `cleanup`. */
export async function tempDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'rosterlink-inbound-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** Copies a base roster from the fault corpus (`_base/<name>`) into `dir`, minus `remove`. */
export async function copyBase(base: string, dir: string, remove: readonly string[] = []): Promise<void> {
  const from = join(FAULTS_DIR, '_base', base);
  for (const name of await readdir(from)) {
    if (!remove.includes(name)) await cp(join(from, name), join(dir, name));
  }
}

export async function writeFiles(dir: string, files: Record<string, string | Buffer>): Promise<void> {
  for (const [name, data] of Object.entries(files)) await writeFile(join(dir, name), data);
}

export async function readBase(base: string, name: string): Promise<string> {
  return readFile(join(FAULTS_DIR, '_base', base, name), 'utf8');
}

export async function read(path: string, extra: Omit<ReadRosterOptions, 'path'> = {}): Promise<RosterReadResult> {
  return readRoster({ path, ...extra });
}

/** One line per finding, handy in assertion messages. */
export function show(findings: readonly Finding[]): string {
  return findings
    .map((f) => `${f.severity} ${f.code} ${f.file}:${f.line} [${f.sourcedId}] ${f.field} — ${f.message}`)
    .join('\n');
}
