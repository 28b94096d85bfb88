import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli, startCli, type ServedProcess } from '../support/cli.js';

describe('console sign-in links from the CLI', () => {
  let dir: string;
  let db: string;
  let server: ServedProcess;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rosterlink-console-cli-'));
    db = `sqlite:${path.join(dir, 'store.db')}`;
    server = await startCli(['serve', '--port', '0', '--db', db, '--schedule-hours', '0', '--log-level', 'error']);
  });
  after(async () => {
    await server?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const open = (link: string) => fetch(link, { redirect: 'manual' });

  it('serve prints a one-time link that opens a session once', async () => {
    for (let i = 0; i < 50 && !/Console: /.test(server.output()); i++) await new Promise((r) => setTimeout(r, 100));
    const link = /Console: (\S+)/.exec(server.output())?.[1] ?? '';
    assert.ok(link?.startsWith(`${server.url}/console/signin?code=`), server.output());
    const first = await open(link);
    assert.equal(first.status, 303);
    assert.match(first.headers.get('set-cookie') ?? '', /HttpOnly/);
    assert.equal((await open(link)).status, 401);
  });

  it('console-link prints a new link for a running server on the same store', async () => {
    const res = await runCli(['console-link', '--db', db, '--url', server.url]);
    assert.equal(res.code, 0, res.stderr);
    const link = res.stdout.trim();
    assert.match(link, /\/console\/signin\?code=[A-Za-z0-9_-]{43}$/);
    assert.equal((await open(link)).status, 303);
  });

  it('console-link refuses a URL that is not a base URL', async () => {
    const res = await runCli(['console-link', '--db', db, '--url', 'ftp://x/y']);
    assert.equal(res.code, 2);
    assert.match(res.stderr, /--url/);
  });
});
