import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { EmbeddedDirectory } from '../../src/directory/embedded/index.js';
import { DirectoryError } from '../../src/directory/errors.js';
import { GraphDirectory } from '../../src/directory/graph/index.js';
import { LdapDirectory } from '../../src/directory/ldap/index.js';
import { createDirectory, type DirectoryKind } from '../../src/directory/select.js';
import { openStore, type Store } from '../../src/store/database.js';
import { startGraphTarget } from '../support/graph-target.js';

const SECRET = 'sup3r-s3cret-value';
const invalid = (pattern: RegExp) => (err: unknown) =>
  err instanceof DirectoryError &&
  err.code === 'InvalidConfig' &&
  pattern.test(err.message) &&
  !err.message.includes(SECRET);

describe('createDirectory', () => {
  let store: Store;
  let dir: string;
  before(async () => {
    store = await openStore('sqlite::memory:');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rl-select-'));
  });
  after(async () => {
    await store?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('embedded: the store itself', async () => {
    const target = await createDirectory('embedded', {}, store);
    assert.ok(target.adapter instanceof EmbeddedDirectory);
    await target.close();
  });

  test('graph: tenant and app from the config, the client secret from the environment or a file, never shown', async () => {
    const graph = { tenantId: 'contoso.onmicrosoft.com', clientId: '11111111-2222-3333-4444-555555555555' };
    await assert.rejects(
      createDirectory('graph', { graph: { clientId: graph.clientId } }, store, { env: {} }),
      invalid(/directory\.graph\.tenantId/),
    );
    await assert.rejects(
      createDirectory('graph', { graph }, store, { env: {} }),
      invalid(/ROSTERLINK_GRAPH_CLIENT_SECRET/),
    );
    const fromEnv = await createDirectory('graph', { graph }, store, {
      env: { ROSTERLINK_GRAPH_CLIENT_SECRET: SECRET },
    });
    assert.ok(fromEnv.adapter instanceof GraphDirectory);
    assert.ok(!fromEnv.description.includes(SECRET));
    assert.match(fromEnv.description, /graph\.microsoft\.com\/v1\.0 \(tenant contoso/);
    const file = path.join(dir, 'secret');
    fs.writeFileSync(file, `${SECRET}\n`);
    await createDirectory('graph', { graph }, store, { env: { ROSTERLINK_GRAPH_CLIENT_SECRET_FILE: file } });
    await assert.rejects(
      createDirectory('graph', { graph }, store, {
        env: { ROSTERLINK_GRAPH_CLIENT_SECRET: SECRET, ROSTERLINK_GRAPH_CLIENT_SECRET_FILE: file },
      }),
      invalid(/either/),
    );
    await assert.rejects(
      createDirectory('graph', { graph: { ...graph, writeLimits: 'fast' } }, store, {
        env: { ROSTERLINK_GRAPH_CLIENT_SECRET: SECRET },
      }),
      invalid(/directory\.graph\.writeLimits/),
    );
    await assert.rejects(
      createDirectory('graph', { graph: { ...graph, auth: 'certificate' } }, store),
      invalid(/certificatePath/),
    );
  });

  test('graph with a static access token works end to end against rosterlink /v1.0', async () => {
    const target = await startGraphTarget();
    try {
      const selected = await createDirectory(
        'graph',
        { graph: { baseUrl: target.url, auth: 'accessToken', writeLimits: '3000/150' } },
        store,
        { env: { ROSTERLINK_GRAPH_ACCESS_TOKEN: target.token } },
      );
      const [r] = await selected.adapter.createAccounts([
        {
          userPrincipalName: 'sel@select.edu',
          displayName: 'Sel',
          password: 'Correct-Horse-7',
          forceChangePasswordNextSignIn: true,
        },
      ]);
      assert.ok(r.ok);
      assert.ok(!selected.description.includes(target.token));
    } finally {
      await target.close();
    }
  });

  test('ldap: the bind password from ROSTERLINK_LDAP_PASSWORD(_FILE); AD only over LDAPS', async () => {
    const ldap = { url: 'ldap://127.0.0.1:1', bindDN: 'cn=admin,dc=x', baseDN: 'ou=people,dc=x' };
    await assert.rejects(createDirectory('ldap', {}, store), invalid(/directory\.ldap/));
    await assert.rejects(createDirectory('ldap', { ldap }, store, { env: {} }), invalid(/ROSTERLINK_LDAP_PASSWORD/));
    const file = path.join(dir, 'ldap');
    fs.writeFileSync(file, SECRET);
    const target = await createDirectory('ldap', { ldap }, store, { env: { ROSTERLINK_LDAP_PASSWORD_FILE: file } });
    assert.ok(target.adapter instanceof LdapDirectory);
    assert.ok(!target.description.includes(SECRET));
    await target.close();
    await assert.rejects(
      createDirectory('ldap', { ldap: { ...ldap, profile: 'activeDirectory' } }, store, {
        env: { ROSTERLINK_LDAP_PASSWORD: SECRET },
      }),
      invalid(/LDAPS/),
    );
    // Nothing listens on port 1: the first call says so with a coded error, not a crash.
    const unreachable = await createDirectory('ldap', { ldap }, store, { env: { ROSTERLINK_LDAP_PASSWORD: SECRET } });
    await assert.rejects(
      unreachable.adapter.getAccounts(['00000000-0000-4000-8000-000000000000']),
      (err: unknown) => err instanceof DirectoryError && err.code === 'Unavailable' && !err.message.includes(SECRET),
    );
    await unreachable.close();
  });

  test('an unknown kind is InvalidConfig', async () => {
    await assert.rejects(createDirectory('scim' as DirectoryKind, {}, store), invalid(/embedded, graph, ldap/));
  });
});
