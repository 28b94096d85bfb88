import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/rosterlink.js', import.meta.url));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function rosterlink(args: string[], cwd: string): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { cwd, env: { ...process.env, ROSTERLINK_DB: '' } },
      (err, stdout, stderr) =>
        resolve({ code: err ? Number((err as { code?: unknown }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('rosterlink directory (CLI)', () => {
  let dir: string;
  let db: string;
  const run = (...args: string[]) => rosterlink([...args, '--db', db], dir);
  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'rosterlink-directory-'));
    db = `sqlite:${path.join(dir, 'store.db')}`;
  });
  after(async () => rm(dir, { recursive: true, force: true }));

  test('import creates accounts, reports bad rows by line and exits 1; a second import updates by UPN', async () => {
    const csv = [
      'userPrincipalName,displayName,givenName,surname,mail,accountEnabled,employeeId,usageLocation,password,anchor',
      'ada@cli.edu,Ada Lovelace,Ada,Lovelace,ada@cli.edu,true,E1,GB,,User_1',
      'bob@cli.edu,,Bob,Smith,,false,E2,,Str0ng-Passw0rd!,User_2',
      'no-domain,X,,,,,,,,',
      'cy@cli.edu,Cy,,,,maybe,,,,',
      'ADA@cli.edu,Again,,,,,,,,',
    ].join('\n');
    await writeFile(path.join(dir, 'accounts.csv'), csv);
    const first = await run('directory', 'import', 'accounts.csv');
    assert.equal(first.code, 1, first.stderr);
    assert.match(first.stdout, /created 2, updated 0, failed 3/);
    assert.match(first.stdout, /1 new account\(s\) got a random password/);
    assert.match(first.stderr, /accounts\.csv:4: Invalid value specified for property 'userPrincipalName'/);
    assert.match(first.stderr, /accounts\.csv:5: accountEnabled must be true or false/);
    assert.match(first.stderr, /accounts\.csv:6: userPrincipalName repeats line 2/);
    assert.ok(!first.stdout.includes('Str0ng') && !first.stderr.includes('Str0ng'), 'passwords are never printed');

    await writeFile(path.join(dir, 'update.csv'), 'userPrincipalName,displayName\nbob@cli.edu,Robert Smith\n');
    const second = await run('directory', 'import', 'update.csv');
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stdout, /created 0, updated 1, failed 0/);

    const list = await run('directory', 'list', '--json');
    assert.equal(list.code, 0, list.stderr);
    const accounts = JSON.parse(list.stdout) as { userPrincipalName: string; displayName: string; anchor: string }[];
    assert.deepEqual(
      accounts.map((a) => [a.userPrincipalName, a.displayName, a.anchor]),
      [
        ['ada@cli.edu', 'Ada Lovelace', 'User_1'],
        ['bob@cli.edu', 'Robert Smith', 'User_2'],
      ],
    );
    assert.ok(!list.stdout.includes('password'), 'no password or hash in the listing');
    const csvList = await run('directory', 'list');
    assert.match(csvList.stdout, /^id,userPrincipalName,displayName/);
    assert.match(csvList.stdout, /,bob@cli\.edu,Robert Smith,Bob,Smith,,false,E2,/);
  });

  test('sku add prints the skuId; the same part number sets seats; bad input is refused', async () => {
    const given = '6fd2c87f-b296-42f0-b197-1e91e994b900';
    const added = await run(
      'directory',
      'sku',
      'add',
      'STANDARDPACK',
      '--seats',
      '10',
      '--sku-id',
      given.toUpperCase(),
    );
    assert.equal(added.code, 0, added.stderr);
    assert.equal(added.stdout.trim(), given);
    const again = await run('directory', 'sku', 'add', 'STANDARDPACK', '--seats', '20');
    assert.equal(again.stdout.trim(), given);
    const fresh = await run('directory', 'sku', 'add', 'OTHERPACK', '--seats', '1');
    assert.match(fresh.stdout.trim(), /^[0-9a-f-]{36}$/);
    assert.equal((await run('directory', 'sku', 'add', 'X', '--seats', 'many')).code, 2);
    const bad = await run('directory', 'sku', 'add', 'X', '--seats', '1', '--sku-id', 'nope');
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /skuId 'nope' is not a GUID/);
    const clash = await run(
      'directory',
      'sku',
      'add',
      'STANDARDPACK',
      '--seats',
      '1',
      '--sku-id',
      '00000000-0000-4000-8000-000000000000',
    );
    assert.equal(clash.code, 1);
  });

  test('import of a file with an unknown column fails as a whole', async () => {
    await writeFile(path.join(dir, 'typo.csv'), 'userPrincipalName,dispalyName\na@cli.edu,A\n');
    const res = await run('directory', 'import', 'typo.csv');
    assert.equal(res.code, 1);
    assert.match(res.stderr, /unknown column\(s\) 'dispalyName'/);
  });
});
