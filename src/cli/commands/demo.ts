import type { Command } from 'commander';
import fs from 'node:fs';
import pino from 'pino';
import { allPermissions } from '../../api/permissions.js';
import { issueLocalToken } from '../../auth/local-tokens.js';
import { FLOWS, FLOW_SETS, SOURCE_SYSTEMS } from '../../configuration/entity-sets.js';
import { openRuntime, startServer, type Runtime } from '../../main.js';
import { parsePort } from '../options.js';
import { waitForSignal } from './serve.js';
import { EXAMPLE_FLOW_SET, EXAMPLE_SOURCE_SYSTEM, EXAMPLE_USER_FLOW } from './demo-examples.js';

const DEMO_DIR = './.rosterlink/demo';

interface DemoOptions {
  port: number;
  host: string;
  reset?: boolean;
}

/**
 * `npm start`: an embedded store under ./.rosterlink/demo with an example source system, flow set and
 * userProvisioningFlow configured through the same service as the API, then the API served with a ready token.
 */
export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('configure an example district in ./.rosterlink/demo and serve the API')
    .option('--port <port>', 'port (0 picks a free one)', parsePort, 8080)
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option('--reset', 'start over with an empty demo store')
    .action(async (opts: DemoOptions) => {
      if (opts.reset) fs.rmSync(DEMO_DIR, { recursive: true, force: true });
      const runtime = await openRuntime(`sqlite:${DEMO_DIR}/rosterlink.db`);
      const created = await configureExample(runtime);
      const server = await startServer({
        runtime,
        port: opts.port,
        host: opts.host,
        logger: pino({ level: 'warn' }, process.stderr),
      });
      const token = await issueLocalToken(runtime.store, { permissions: allPermissions(), expiresInSeconds: 8 * 3600 });
      const out = process.stdout;
      out.write(
        created
          ? 'Configured an example source system, flow set and userProvisioningFlow.\n'
          : 'Reusing the example configuration in ./.rosterlink/demo.\n',
      );
      out.write(`rosterlink listening on ${server.url}\n`);
      out.write(`  API:      ${server.url}/beta/external/industryData/outboundProvisioningFlowSets\n`);
      out.write(`  OpenAPI:  ${server.url}/openapi.json\n`);
      out.write(`  Token (8 h, all permissions):\n${token}\n`);
      out.write(
        `  Try: curl -H "Authorization: Bearer $TOKEN" ${server.url}/beta/external/industryData/outboundProvisioningFlowSets\n`,
      );
      await waitForSignal();
      await server.close();
      await runtime.close();
    });
}

async function configureExample(runtime: Runtime): Promise<boolean> {
  const { config } = runtime;
  if ((await config.list(FLOW_SETS)).length > 0) return false;
  await config.create(SOURCE_SYSTEMS, EXAMPLE_SOURCE_SYSTEM);
  const set = await config.create(FLOW_SETS, EXAMPLE_FLOW_SET);
  await config.create(FLOWS, EXAMPLE_USER_FLOW, set.id);
  return true;
}
