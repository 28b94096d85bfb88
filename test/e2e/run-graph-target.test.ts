import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { generateDistrict } from '../../src/inbound/generate/generate-district.js';
import { REPO_ROOT, runCli, startCli, type ServedProcess } from '../support/cli.js';

/**
 * `rosterlink run --directory graph` provisions into another rosterlink's Graph-compatible /v1.0 (standing in for a
 * Microsoft 365 tenant), through the official Graph client, with examples/setup.json from the README's tour.
 */
describe('rosterlink run --directory graph against a Graph /v1.0 endpoint', () => {
  let dir: string;
  let target: ServedProcess;
  let env: NodeJS.ProcessEnv;
  let configFile: string;
  let targetToken: string;
  const setup = path.join(REPO_ROOT, 'examples', 'setup.json');
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rl-graph-run-'));
    await generateDistrict({ persons: 200, out: path.join(dir, 'roster'), format: 'sds-v2.1', seed: 7 });
    const targetDb = `sqlite:${path.join(dir, 'tenant.db')}`;
    target = await startCli(['serve', '--port', '0', '--db', targetDb, '--schedule-hours', '0', '--log-level', 'warn']);
    targetToken = (await runCli(['token', '--db', targetDb, '--app', '--scopes', 'User.ReadWrite.All'])).stdout.trim();
    configFile = path.join(dir, 'rosterlink.json');
    fs.writeFileSync(
      configFile,
      JSON.stringify({ directory: { graph: { baseUrl: target.url, auth: 'accessToken' } } }),
    );
    env = { ROSTERLINK_GRAPH_ACCESS_TOKEN: targetToken };
  });
  after(async () => {
    await target?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const run = () =>
    runCli(
      [
        'run',
        '--data',
        path.join(dir, 'roster'),
        '--setup',
        setup,
        '--db',
        `sqlite:${path.join(dir, 'engine.db')}`,
        '--directory',
        'graph',
        '--config',
        configFile,
        '--json',
      ],
      { env },
    );

  it('creates every person in the target, then a second run writes nothing', async () => {
    const first = await run();
    assert.equal(first.code, 0, first.stderr);
    assert.match(
      first.stderr,
      /directory target: Microsoft Graph http:\/\/127\.0\.0\.1:\d+\/v1\.0 \(static access token\)/,
    );
    assert.doesNotMatch(
      first.stderr + first.stdout,
      new RegExp(targetToken.slice(20, 60)),
      'the token is never printed',
    );
    const stats = JSON.parse(first.stdout) as { status: string; decisions: Record<string, number> };
    assert.equal(stats.status, 'completed');
    assert.equal(stats.decisions.create, 200);
    const users = await fetch(`${target.url}/v1.0/users/$count`, {
      headers: { authorization: `Bearer ${targetToken}` },
    });
    assert.equal(await users.text(), '200');
    const second = await run();
    assert.equal(second.code, 0, second.stderr);
    const again = JSON.parse(second.stdout) as { decisions: Record<string, number> };
    assert.equal(again.decisions.noop, 200);
    assert.equal(again.decisions.create, 0);
  });

  it('a missing secret is a clear configuration error', async () => {
    const res = await runCli(
      [
        'run',
        '--data',
        path.join(dir, 'roster'),
        '--setup',
        setup,
        '--db',
        `sqlite:${path.join(dir, 'other.db')}`,
        '--directory',
        'graph',
        '--config',
        configFile,
      ],
      { env: { ROSTERLINK_GRAPH_ACCESS_TOKEN: '' } },
    );
    assert.equal(res.code, 2);
    assert.match(res.stderr, /^rosterlink: directory configuration: .*ROSTERLINK_GRAPH_ACCESS_TOKEN/m);
    assert.doesNotMatch(res.stderr, /\n\s+at /, 'no stack trace for a configuration error');
  });
});
