import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  Client,
  GraphError,
  HTTPMessageHandler,
  RetryHandler,
  RetryHandlerOptions,
  type Context,
  type Middleware,
} from '@microsoft/microsoft-graph-client';
import { CREATE_FLOW_SET, CREATE_USER_FLOW, UPDATE_USER_FLOW } from '../fixtures/graph/spec-examples.js';
import { runCli, startCli, type ServedProcess } from '../support/cli.js';

/**
 * The official client only sends its auth header to https Graph hosts; against a local http server the token is
 * added by this middleware instead, in front of the client's own retry and HTTP handlers.
 */
class BearerMiddleware implements Middleware {
  private next?: Middleware;
  constructor(private readonly token: string) {}
  async execute(context: Context): Promise<void> {
    const init = (context.options ??= {});
    const headers = new Headers(init.headers as ConstructorParameters<typeof Headers>[0]);
    headers.set('Authorization', `Bearer ${this.token}`);
    init.headers = Object.fromEntries(headers.entries());
    return this.next!.execute(context);
  }
  setNext(next: Middleware): void {
    this.next = next;
  }
}

describe('rosterlink serve driven by @microsoft/microsoft-graph-client over real HTTP', () => {
  let dir: string;
  let server: ServedProcess;
  let client: Client;
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rl-e2e-'));
    const db = `sqlite:${path.join(dir, 'rosterlink.db')}`;
    server = await startCli(['serve', '--port', '0', '--db', db, '--log-level', 'warn']);
    const token = await runCli(['token', '--db', db, '--scopes', 'IndustryData-OutboundFlow.ReadWrite.All']);
    assert.equal(token.code, 0, token.stderr);
    const auth = new BearerMiddleware(token.stdout.trim());
    const retry = new RetryHandler(new RetryHandlerOptions());
    auth.setNext(retry);
    retry.setNext(new HTTPMessageHandler());
    client = Client.initWithMiddleware({ middleware: auth, baseUrl: `${server.url}/`, defaultVersion: 'beta' });
  });
  after(async () => {
    await server?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('prints one listening line with the real port', () => {
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.doesNotMatch(server.url, /:0$/);
  });

  it('create set → create user flow → get → patch → get → list → delete', async () => {
    const set = await client.api('/external/industryData/OutboundProvisioningFlowSets').post(CREATE_FLOW_SET);
    assert.equal(set.displayName, CREATE_FLOW_SET.displayName);
    const flows = `/external/industryData/outboundProvisioningFlowSets/${set.id}/provisioningFlows`;
    const flow = await client.api(flows).post(CREATE_USER_FLOW);
    assert.equal(flow['@odata.type'], '#microsoft.graph.industryData.userProvisioningFlow');
    assert.equal(flow.readinessStatus, 'notReady');

    const got = await client.api(`${flows}/${flow.id}`).get();
    assert.equal(got.creationOptions.configurations[0].roleGroup.id, 'staff');
    assert.equal(got.creationOptions.configurations[0].defaultPasswordSettings.password, '***************');

    await client.api(`${flows}/${flow.id}`).patch(UPDATE_USER_FLOW);
    const again = await client.api(`${flows}/${flow.id}`).select(['creationOptions', 'managementOptions']).get();
    assert.deepEqual(again.creationOptions.configurations[1].licenseSkus, ['SkuUpdated2']);
    assert.equal(again.managementOptions.additionalOptions.allowStudentContactAssociation, true);

    await client.api(`${flows}/${flow.id}/microsoft.graph.industryData.reset`).post({});
    const list = await client.api(flows).get();
    assert.equal(list.value.length, 1);

    await client.api(`${flows}/${flow.id}`).delete();
    await assert.rejects(client.api(`${flows}/${flow.id}`).get(), (err: unknown) => {
      assert.ok(err instanceof GraphError);
      assert.equal(err.statusCode, 404);
      assert.equal(err.code, 'ResourceNotFound');
      return true;
    });
  });

  it('surfaces 403 through the client for a token without the permission', async () => {
    const db = `sqlite:${path.join(dir, 'rosterlink.db')}`;
    const readOnly = await runCli(['token', '--db', db, '--scopes', 'IndustryData-OutboundFlow.Read.All']);
    const auth = new BearerMiddleware(readOnly.stdout.trim());
    auth.setNext(new HTTPMessageHandler());
    const weak = Client.initWithMiddleware({ middleware: auth, baseUrl: `${server.url}/`, defaultVersion: 'beta' });
    await assert.rejects(
      weak.api('/external/industryData/outboundProvisioningFlowSets').post(CREATE_FLOW_SET),
      (err: unknown) => {
        assert.ok(err instanceof GraphError);
        assert.equal(err.statusCode, 403);
        return true;
      },
    );
  });
});
