/** Zip sources, generated in code with a small stored/deflate zip writer (support/zip-writer.ts). */
import assert from 'node:assert/strict';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { FAULTS_DIR } from './support/shared-data.js';
import { read, show, tempDir } from './support/roster.js';
import { buildZip } from './support/zip-writer.js';
import type { ZipEntrySpec } from './support/zip-writer.js';

let dir = '';
let cleanup: () => Promise<void> = async () => {};
let sds: Record<string, Buffer> = {};
let or12: Record<string, Buffer> = {};

async function loadBase(name: string): Promise<Record<string, Buffer>> {
  const from = join(FAULTS_DIR, '_base', name);
  const out: Record<string, Buffer> = {};
  for (const f of await readdir(from)) out[f] = await readFile(join(from, f));
  return out;
}

function entries(files: Record<string, Buffer>, extra: Partial<ZipEntrySpec> = {}): ZipEntrySpec[] {
  return Object.entries(files).map(([name, data]) => ({ name, data, ...extra }));
}

/** Writes `content` as `name` inside a fresh sub-folder and returns the path of the file. */
let n = 0;
async function place(name: string, content: Buffer, siblings: Record<string, Buffer> = {}): Promise<string> {
  const sub = join(dir, `case-${++n}`);
  await import('node:fs/promises').then((fs) => fs.mkdir(sub));
  for (const [f, data] of Object.entries(siblings)) await writeFile(join(sub, f), data);
  await writeFile(join(sub, name), content);
  return sub;
}

describe('zip sources', () => {
  before(async () => {
    ({ dir, cleanup } = await tempDir());
    sds = await loadBase('sds');
    or12 = await loadBase('or12');
  });
  after(() => cleanup());

  it('reads a stored zip like the folder', async () => {
    const folder = await place('roster.zip', buildZip(entries(sds)));
    for (const path of [folder, join(folder, 'roster.zip')]) {
      const res = await read(path);
      assert.equal(res.catastrophic, null, show(res.findings));
      assert.deepEqual(res.findings, []);
      assert.deepEqual([res.counts.accepted.orgs, res.counts.accepted.persons, res.counts.accepted.roles], [2, 3, 3]);
    }
  });

  it('reads deflated entries (OneRoster 1.2 package)', async () => {
    const path = join(await place('pkg.zip', buildZip(entries(or12, { method: 'deflate' }))), 'pkg.zip');
    const res = await read(path);
    assert.equal(res.format, 'oneroster-1.2');
    assert.equal(res.catastrophic, null, show(res.findings));
    assert.deepEqual(
      [res.counts.accepted.persons, res.counts.accepted.roles, res.counts.accepted.relationships],
      [3, 2, 1],
    );
  });

  it('merges loose files with a zip in the same folder', async () => {
    const { 'orgs.csv': orgs, ...rest } = sds;
    const folder = await place('part.zip', buildZip(entries(rest)), { 'orgs.csv': orgs });
    const res = await read(folder);
    assert.equal(res.catastrophic, null, show(res.findings));
    assert.equal(res.counts.accepted.persons, 3);
  });

  it('rejects a file that is both loose and zipped: FILE_IN_ZIP_AND_LOOSE', async () => {
    const folder = await place('roster.zip', buildZip(entries(sds)), { 'users.csv': sds['users.csv'] });
    const res = await read(folder);
    assert.equal(res.catastrophic?.code, 'FILE_IN_ZIP_AND_LOOSE');
    assert.equal(res.catastrophic.file, 'users.csv');
  });

  it('rejects broken archives: BAD_ARCHIVE', async () => {
    const good = buildZip(entries(sds));
    const others = entries(sds).filter((e) => e.name !== 'roles.csv');
    const variants: [string, Buffer][] = [
      ['truncated', good.subarray(0, good.length - 30)],
      ['not a zip', Buffer.from('sourcedId,name\n')],
      ['encrypted entry', buildZip([...others, { name: 'roles.csv', data: sds['roles.csv'], encrypted: true }])],
      ['unsupported compression', buildZip([...others, { name: 'roles.csv', data: sds['roles.csv'], rawMethod: 12 }])],
      ['duplicate entry', buildZip([...entries(sds), { name: 'roles.csv', data: sds['roles.csv'] }])],
      ['corrupt deflate data', corruptDeflate(sds)],
    ];
    for (const [label, bytes] of variants) {
      const res = await read(join(await place('r.zip', bytes), 'r.zip'));
      assert.equal(res.catastrophic?.code, 'BAD_ARCHIVE', `${label}\n${show(res.findings)}`);
    }
  });

  it('SDS zips may hold only supported files (folders included): UNSUPPORTED_FILE', async () => {
    for (const extra of [{ name: 'readme.txt', data: 'hi' }, { name: 'docs/' }]) {
      const res = await read(join(await place('r.zip', buildZip([...entries(sds), extra])), 'r.zip'));
      assert.equal(res.catastrophic?.code, 'UNSUPPORTED_FILE', show(res.findings));
      assert.equal(res.catastrophic.file, extra.name);
    }
  });

  it('ignores macOS __MACOSX and .DS_Store entries', async () => {
    const junk = [
      { name: '__MACOSX/._users.csv', data: 'x' },
      { name: '.DS_Store', data: 'x' },
    ];
    const res = await read(join(await place('r.zip', buildZip([...entries(sds), ...junk])), 'r.zip'));
    assert.equal(res.catastrophic, null, show(res.findings));
  });

  it('explains files nested in a folder of the archive', async () => {
    const nested = entries(sds).map((e) => ({ ...e, name: `roster/${e.name}` }));
    const res = await read(join(await place('r.zip', buildZip([{ name: 'roster/' }, ...nested])), 'r.zip'));
    assert.equal(res.catastrophic?.code, 'UNSUPPORTED_FORMAT');
    assert.match(res.catastrophic.message, /root of the archive/);
  });

  it('reports a path that does not exist: INVALID_SOURCE', async () => {
    const res = await read(join(dir, 'nope'));
    assert.equal(res.catastrophic?.code, 'INVALID_SOURCE');
  });
});

/** A deflated entry whose compressed bytes are garbage: yauzl fails while streaming. */
function corruptDeflate(files: Record<string, Buffer>): Buffer {
  const zip = buildZip(entries(files, { method: 'deflate' }));
  const at = zip.indexOf(Buffer.from('roles.csv')) + 'roles.csv'.length;
  for (let i = at; i < at + 8; i++) zip[i] = 0xff;
  return zip;
}
