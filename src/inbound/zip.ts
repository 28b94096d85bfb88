/**
 * yauzl, promisified. Only the central directory is read up front; entry data is streamed (and inflated)
 * on demand, so a large archive is never buffered.
 */
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import type { Entry, ZipFile } from 'yauzl';

export interface ZipEntryInfo {
  /** Path inside the archive, `/`-separated; directories end with `/`. */
  name: string;
  size: number;
  entry: Entry;
}

export interface OpenZip {
  entries: ZipEntryInfo[];
  open(entry: Entry): Promise<Readable>;
  close(): void;
}

export async function openZip(path: string): Promise<OpenZip> {
  const zip = await new Promise<ZipFile>((resolve, reject) => {
    // decodeStrings validates names (no absolute paths, no `..`): a hostile archive is a bad archive.
    yauzl.open(
      path,
      { lazyEntries: true, autoClose: false, decodeStrings: true, validateEntrySizes: true },
      (err, z) => (err ? reject(err) : resolve(z)),
    );
  });
  try {
    const entries = await listEntries(zip);
    return { entries, open: (entry) => openEntry(zip, entry), close: () => zip.close() };
  } catch (err) {
    zip.close();
    throw err;
  }
}

function listEntries(zip: ZipFile): Promise<ZipEntryInfo[]> {
  return new Promise((resolve, reject) => {
    const out: ZipEntryInfo[] = [];
    zip.on('entry', (entry: Entry) => {
      out.push({ name: entry.fileName, size: entry.uncompressedSize, entry });
      zip.readEntry();
    });
    zip.once('end', () => resolve(out));
    zip.once('error', reject);
    zip.readEntry();
  });
}

function openEntry(zip: ZipFile, entry: Entry): Promise<Readable> {
  return new Promise((resolve, reject) => {
    if (entry.isEncrypted()) {
      reject(new Error(`${entry.fileName} is encrypted`));
      return;
    }
    zip.openReadStream(entry, (err, stream) => (err ? reject(err) : resolve(stream)));
  });
}
