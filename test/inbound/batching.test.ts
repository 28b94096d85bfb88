/** The batching contract of readRoster: sizes, dependency order, backpressure, progress, cancellation, caps. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { EntityName, RecordBatch } from '../../src/inbound/model.js';
import { ENTITY_NAMES } from '../../src/inbound/model.js';
import { read, readBase, show, tempDir, writeFiles } from './support/roster.js';

let dir = '';
let cleanup: () => Promise<void> = async () => {};
const PEOPLE = 1234;

/** An SDS roster of PEOPLE students, two roles each (one in each school). */
async function writeRoster(path: string): Promise<void> {
  const users = ['sourcedId,username,givenName,familyName,password,activeDirectoryMatchId,email,phone,sms'];
  const roles = ['userSourcedId,orgSourcedId,role,sessionSourcedId,grade,isPrimary,roleStartDate,roleEndDate'];
  for (let i = 0; i < PEOPLE; i++) {
    users.push(`s${i},s${i}@contoso.edu,Given${i},Family${i},,,,,`);
    roles.push(`s${i},o1,student,,05,true,,`, `s${i},o2,student,,05,false,,`);
  }
  await writeFiles(path, {
    'orgs.csv': await readBase('sds', 'orgs.csv'),
    'users.csv': users.join('\n') + '\n',
    'roles.csv': roles.join('\n') + '\n',
  });
}

describe('readRoster batching', () => {
  before(async () => {
    ({ dir, cleanup } = await tempDir());
    await writeRoster(dir);
  });
  after(() => cleanup());

  it('hands out batches of batchSize per entity, dependencies first, and nothing in result.records', async () => {
    const batches: RecordBatch[] = [];
    const res = await read(dir, { batchSize: 100, onBatch: (b) => void batches.push(b) });
    assert.equal(res.records, undefined);
    assert.equal(res.catastrophic, null, show(res.findings));
    const sizes = (e: EntityName) => batches.filter((b) => b.entity === e).map((b) => b.records.length);
    assert.deepEqual(sizes('persons'), [...Array(12).fill(100), 34]);
    assert.equal(
      sizes('roles').reduce((a, b) => a + b, 0),
      2 * PEOPLE,
    );
    assert.ok(sizes('roles').every((s) => s <= 100));
    const order = batches.map((b) => ENTITY_NAMES.indexOf(b.entity));
    assert.deepEqual(
      order,
      [...order].sort((a, b) => a - b),
      'orgs, then persons, then roles',
    );
  });

  it('awaits an async onBatch before reading on (backpressure)', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const res = await read(dir, {
      batchSize: 50,
      onBatch: async () => {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await new Promise((r) => setTimeout(r, 1));
        inFlight--;
      },
    });
    assert.equal(res.counts.accepted.roles, 2 * PEOPLE);
    assert.equal(inFlight, 0);
    // Everything handed out for one input chunk may be pending at once, never more.
    assert.ok(maxInFlight <= (2 * PEOPLE) / 50 + 1);
  });

  it('propagates an onBatch failure', async () => {
    await assert.rejects(
      read(dir, {
        onBatch: async (b) => {
          if (b.entity === 'roles') throw new Error('store is down');
        },
      }),
      /store is down/,
    );
  });

  it('reports progress per file and honours cancellation', async () => {
    const files: string[] = [];
    const done = await read(dir, { onProgress: (p) => void (p.done && files.push(`${p.file}:${p.rows}`)) });
    assert.equal(done.catastrophic, null);
    assert.deepEqual(files, ['orgs.csv:2', 'users.csv:1234', 'roles.csv:2468']);
    const ctl = new AbortController();
    ctl.abort();
    const cancelled = await read(dir, { signal: ctl.signal });
    assert.equal(cancelled.catastrophic?.code, 'OPERATION_CANCELLED');
  });

  it('caps stored findings but keeps exact counts and streams all of them to onFinding', async () => {
    const bad = await tempDir();
    try {
      const users = ['sourcedId,username,givenName,familyName,password,activeDirectoryMatchId,email,phone,sms'];
      for (let i = 0; i < 50; i++) users.push(`s${i},s${i}@contoso.edu,G,F,,,,bad-phone,`);
      await writeFiles(bad.dir, {
        'orgs.csv': await readBase('sds', 'orgs.csv'),
        'users.csv': users.join('\n'),
        'roles.csv': 'userSourcedId,orgSourcedId,role\ns0,o1,student\n',
      });
      let streamed = 0;
      const res = await read(bad.dir, { maxFindings: 10, onFinding: () => void streamed++ });
      assert.equal(res.findings.length, 10);
      assert.equal(res.findingsTruncated, 40);
      assert.equal(res.counts.findings.warning, 50);
      assert.equal(res.counts.byCode.INVALID_PHONE, 50);
      assert.equal(streamed, 50);
    } finally {
      await bad.cleanup();
    }
  });

  it('accepts tenant codes and role-map overrides, and rejects a role map to an unknown role', async () => {
    const custom = await tempDir();
    try {
      await writeFiles(custom.dir, {
        'orgs.csv': 'sourcedId,name,type\no1,Trust,federation\n',
        'users.csv': 'sourcedId,username\nu1,u1@x.org\n',
        'roles.csv': 'userSourcedId,orgSourcedId,role\nu1,o1,Librarian\n',
      });
      const res = await read(custom.dir, { extraCodes: { orgTypes: ['federation'], roles: ['librarian'] } });
      assert.deepEqual(res.findings, [], show(res.findings));
      assert.equal(res.records?.roles[0].role, 'librarian');
      await assert.rejects(read(custom.dir, { roleMap: { counselor: 'wizard' } }), /roleMap\.counselor/);
    } finally {
      await custom.cleanup();
    }
  });
});
