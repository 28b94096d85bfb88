/**
 * A roster source as a set of named files with readable streams: a folder (whose `.zip` files are opened and
 * merged with the loose files) or a `.zip`. Entry data is streamed, never buffered whole.
 *
 * Catastrophic findings: INVALID_SOURCE (no such folder/file), BAD_ARCHIVE (unreadable zip),
 * FILE_IN_ZIP_AND_LOOSE (one name both loose and in a zip, Learn "Duplicate File Found").
 * Which names are supported is the format's business (detect.ts / plan.ts), not the source's.
 */
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Readable } from 'node:stream';
import type { FindingSink } from './findings.js';
import { openZip } from './zip.js';
import type { OpenZip } from './zip.js';

export interface SourceFile {
  /** The name formats match on: the file name in a folder, the entry path inside a zip (`sub/users.csv`). */
  readonly name: string;
  readonly origin: 'folder' | 'zip';
  /** The folder or archive it came from, for messages. */
  readonly container: string;
  readonly size: number;
  open(): Promise<Readable>;
}

export interface RosterSource {
  readonly path: string;
  readonly files: ReadonlyMap<string, SourceFile>;
  close(): void;
}

const READ_CHUNK = 1 << 20; // 1 MiB reads: fewer async hops per row than the 64 KiB default

export async function openSource(path: string, sink: FindingSink): Promise<RosterSource> {
  const info = await stat(path).catch(() => undefined);
  if (info === undefined) sink.fatal(path, 0, 'INVALID_SOURCE', `${path} does not exist`);
  const files = new Map<string, SourceFile>();
  const zips: OpenZip[] = [];
  const close = () => zips.forEach((z) => z.close());
  try {
    if (info.isDirectory()) {
      await addFolder(path, files, zips, sink);
    } else if (info.isFile()) {
      await addZip(path, files, zips, sink);
    } else {
      sink.fatal(path, 0, 'INVALID_SOURCE', `${path} is neither a folder nor a .zip file`);
    }
  } catch (err) {
    close();
    throw err;
  }
  return { path, files, close };
}

async function addFolder(dir: string, files: Map<string, SourceFile>, zips: OpenZip[], sink: FindingSink) {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const archives: string[] = [];
  for (const e of entries) {
    // Hidden files, subfolders and non-CSV documents (README, SOURCES.md) are not part of the upload.
    if (!e.isFile() || e.name.startsWith('.')) continue;
    const lower = e.name.toLowerCase();
    if (lower.endsWith('.zip')) archives.push(join(dir, e.name));
    else if (lower.endsWith('.csv')) {
      const full = join(dir, e.name);
      const size = (await stat(full)).size;
      files.set(e.name, {
        name: e.name,
        origin: 'folder',
        container: dir,
        size,
        open: () => opened(async () => createReadStream(full, { highWaterMark: READ_CHUNK })),
      });
    }
  }
  for (const archive of archives) await addZip(archive, files, zips, sink);
}

async function addZip(path: string, files: Map<string, SourceFile>, zips: OpenZip[], sink: FindingSink) {
  let zip: OpenZip;
  try {
    zip = await openZip(path);
  } catch (err) {
    sink.fatal(basename(path), 0, 'BAD_ARCHIVE', `${basename(path)} is not a readable zip archive: ${message(err)}`);
  }
  zips.push(zip);
  const container = basename(path);
  for (const e of zip.entries) {
    if (isJunk(e.name)) continue;
    const other = files.get(e.name);
    if (other !== undefined && other.container === container) {
      sink.fatal(container, 0, 'BAD_ARCHIVE', `${container} holds ${e.name} twice`);
    }
    if (other !== undefined) {
      const where = other.origin === 'zip' ? `${other.container} and ${container}` : `${container} and loose`;
      sink.fatal(e.name, 0, 'FILE_IN_ZIP_AND_LOOSE', `${e.name} is present twice (${where}): upload it once`);
    }
    files.set(e.name, {
      name: e.name,
      origin: 'zip',
      container,
      size: e.size,
      open: () => opened(() => zip.open(e.entry)),
    });
  }
}

/** Opening a file or entry failed (missing, encrypted, unsupported compression…). */
export class SourceOpenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SourceOpenError';
  }
}

async function opened(open: () => Promise<Readable>): Promise<Readable> {
  try {
    return await open();
  } catch (err) {
    throw new SourceOpenError(message(err));
  }
}

/** macOS Finder adds `__MACOSX/` resource forks and `.DS_Store` files to every archive it makes. */
function isJunk(name: string): boolean {
  return name.startsWith('__MACOSX/') || basename(name).startsWith('.');
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
