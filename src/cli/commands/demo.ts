import type { Command } from 'commander';
import fs from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import { allPermissions } from '../../api/permissions.js';
import { createConsoleSignInLink } from '../../console/index.js';
import { issueLocalToken } from '../../auth/local-tokens.js';
import { FLOW_SETS } from '../../configuration/entity-sets.js';
import { setUpDemoDistrict } from '../../demo/demo-district.js';
import { demoSummary } from '../../demo/demo-summary.js';
import { openRuntime, startServer } from '../../main.js';
import { RunResultRepository } from '../../store/repositories/run-results.js';
import { parsePort } from '../options.js';
import { waitForSignal } from './serve.js';

const DEMO_DIR = './.rosterlink/demo';

interface DemoOptions {
  port: number;
  host: string;
  reset?: boolean;
  exit?: boolean;
}

/**
 * `npm start`: a realistic district in ./.rosterlink/demo, provisioned into the embedded directory, then the API
 * (and console) served. A second start reuses the store and shows a no-change run; --reset starts over.
 */
export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('provision an example district in ./.rosterlink/demo, then serve the API')
    .option('--port <port>', 'port (0 picks a free one)', parsePort, 8080)
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option('--reset', 'start over with an empty demo store')
    .option('--exit', 'stop after the run instead of serving')
    .action(async (opts: DemoOptions) => {
      if (opts.reset) fs.rmSync(DEMO_DIR, { recursive: true, force: true });
      const runtime = await openRuntime(`sqlite:${DEMO_DIR}/rosterlink.db`);
      const out = process.stdout;
      try {
        const fresh = (await runtime.config.list(FLOW_SETS)).length === 0;
        if (fresh) {
          out.write('Setting up a demo district (1,500 people in 3 schools, with guardians)...\n');
          const setup = await setUpDemoDistrict(runtime, DEMO_DIR);
          out.write(
            `  ${setup.people} people in the roster (students, staff and guardians); ${setup.preloadedAccounts} staff accounts already in the directory\n`,
          );
        } else {
          out.write('Reusing the demo district in ./.rosterlink/demo (npm start -- --reset starts over).\n');
        }
        await runtime.runs.recover();
        const { id, done } = await runtime.runs.start();
        const summary = await done;
        const rows = await new RunResultRepository(runtime.store.db).list(id);
        out.write(`\nRun ${summary.status}: ${summary.writes} directory writes\n${demoSummary(rows)}\n`);
        if (!fresh && summary.writes === 0)
          out.write('  Nothing changed since the last run, so nothing was written.\n');
        out.write(`  Report: ${path.resolve(runtime.reportsRoot ?? DEMO_DIR, id, 'report.html')}\n\n`);
        if (opts.exit) return;
        const server = await startServer({
          runtime,
          port: opts.port,
          host: opts.host,
          logger: pino({ level: 'warn' }, process.stderr),
        });
        const token = await issueLocalToken(runtime.store, {
          permissions: allPermissions(),
          expiresInSeconds: 8 * 3600,
        });
        const signIn = await createConsoleSignInLink(runtime, server.url);
        // The listening line comes last: whoever waits for it (people, scripts, tests) has everything above it.
        out.write(`  Console:   ${signIn}  (one-time sign-in link, 15 min)\n`);
        out.write(`  Graph API: ${server.url}/beta/external/industryData/outboundProvisioningFlowSets\n`);
        out.write(`  Directory: ${server.url}/v1.0/users\n`);
        out.write(`  OpenAPI:   ${server.url}/openapi.json\n`);
        out.write(`  Bearer token (8 h, all permissions):\n${token}\n`);
        out.write(`rosterlink listening on ${server.url}\n`);
        await waitForSignal();
        await server.close();
      } finally {
        await runtime.close();
      }
    });
}
