import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { runCli, startCli } from '../support/cli.js';

/** `npm start` runs `rosterlink demo`; here in an empty folder, as on a fresh clone, on a free port. */
describe('npm start (rosterlink demo) in an empty folder', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rl-demo-'));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('sets up the district, runs, prints the summary and serves the API with a working token', async () => {
    const served = await startCli(['demo', '--port', '0'], { cwd: dir, timeoutMs: 120_000 });
    try {
      const out = served.output();
      assert.match(out, /Setting up a demo district/);
      assert.match(out, /Run completedWithErrors: \d+ directory writes/, 'the ambiguous pair is a conflict');
      const staff = /^\s+staff\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)$/m.exec(out);
      const students = /^\s+students\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)$/m.exec(out);
      assert.ok(staff && students, out);
      assert.ok(Number(staff[1]) > 0, 'some staff created');
      assert.ok(Number(staff[2]) > 0, 'pre-loaded staff linked');
      assert.equal(Number(staff[4]), 1, 'one ambiguous staff member');
      assert.ok(Number(students[1]) > 1000, 'students created');
      const report = /Report: (\S+report\.html)/.exec(out)![1];
      assert.ok(fs.existsSync(report), report);
      const token = /Bearer token[^\n]*\n(\S+)/.exec(out)![1];
      const users = await fetch(`${served.url}/v1.0/users?$top=1&$count=true`, {
        headers: { authorization: `Bearer ${token}` },
      });
      assert.equal(users.status, 200);
      const body = (await users.json()) as { '@odata.count': number };
      assert.ok(body['@odata.count'] > 1400, `${body['@odata.count']} accounts`);
      const sets = await fetch(`${served.url}/beta/external/industryData/outboundProvisioningFlowSets`, {
        headers: { authorization: `Bearer ${token}` },
      });
      assert.equal(sets.status, 200);
      const link = /Console:\s+(\S+)/.exec(out)![1];
      const signIn = await fetch(link, { redirect: 'manual' });
      assert.ok([302, 303].includes(signIn.status), `the one-time link signs in (${signIn.status})`);
      const cookie = signIn.headers.get('set-cookie')!.split(';')[0];
      const page = await fetch(`${served.url}/console`, { headers: { cookie } });
      assert.equal(page.status, 200);
      assert.match(await page.text(), /Contoso district/);
    } finally {
      await served.stop();
    }
  });

  it('a second start reuses the store and shows a no-change run', async () => {
    const second = await runCli(['demo', '--exit'], { cwd: dir });
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stdout, /Reusing the demo district/);
    assert.match(second.stdout, /0 directory writes/);
    assert.match(second.stdout, /Nothing changed since the last run/);
  });
});
