import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import { CsvFatal } from './csv.js';
import { FindingSink, StopReading } from './findings.js';
import { guardRead } from './guard.js';
import type { SourceFile } from './source.js';
import { SourceOpenError } from './source.js';

function file(origin: SourceFile['origin']): SourceFile {
  return {
    name: 'users.csv',
    origin,
    container: '/srv/upload',
    size: 0,
    open: () => Promise.resolve(Readable.from([])),
  };
}

async function codeOf(origin: SourceFile['origin'], err: Error): Promise<{ code: string; message: string }> {
  const sink = new FindingSink({ maxStored: 10 });
  await assert.rejects(
    guardRead(file(origin), sink, () => Promise.reject(err)),
    (e: unknown) => e instanceof StopReading,
  );
  assert.ok(sink.catastrophic);
  return { code: sink.catastrophic.code, message: sink.catastrophic.message };
}

describe('guardRead', () => {
  it('reports a loose file that cannot be opened or read as READ_ERROR, a zip entry as BAD_ARCHIVE', async () => {
    const open = new SourceOpenError('EACCES: permission denied');
    assert.deepEqual(await codeOf('folder', open), {
      code: 'READ_ERROR',
      message: 'users.csv (/srv/upload) cannot be read: EACCES: permission denied',
    });
    assert.equal((await codeOf('zip', open)).code, 'BAD_ARCHIVE');
    const io = new CsvFatal('READ_ERROR', 4, 'read failed: EIO');
    assert.equal((await codeOf('folder', io)).code, 'READ_ERROR');
    assert.equal((await codeOf('zip', io)).code, 'BAD_ARCHIVE');
  });

  it('lets a programming error through without a finding', async () => {
    const sink = new FindingSink({ maxStored: 10 });
    await assert.rejects(
      guardRead(file('folder'), sink, () => Promise.reject(new TypeError('bug'))),
      TypeError,
    );
    assert.equal(sink.catastrophic, null);
  });
});
