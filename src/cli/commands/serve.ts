import type { Command } from 'commander';
import { Option } from 'commander';
import pino from 'pino';
import { openRuntime, startServer, type AuthMode } from '../../main.js';
import { UsageError } from '../main.js';
import { dbOption, parsePort } from '../options.js';

interface ServeOptions {
  port: number;
  host: string;
  db: string;
  auth: 'local' | 'entra';
  tenant?: string;
  audience?: string;
  logLevel: string;
}

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('serve the Graph-compatible API')
    .option('--port <port>', 'port (0 picks a free one)', parsePort, 8080)
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .addOption(dbOption())
    .addOption(new Option('--auth <mode>', 'token verification').choices(['local', 'entra']).default('local'))
    .option('--tenant <id>', 'Entra tenant id (with --auth entra)')
    .option('--audience <aud>', 'expected token audience (with --auth entra)')
    .option('--log-level <level>', 'pino log level', 'info')
    .action(async (opts: ServeOptions) => {
      const auth = authMode(opts);
      const runtime = await openRuntime(opts.db);
      const logger = pino({ level: opts.logLevel }, process.stderr);
      const server = await startServer({ runtime, auth, port: opts.port, host: opts.host, logger });
      process.stdout.write(`rosterlink listening on ${server.url}\n`);
      await waitForSignal();
      await server.close();
      await runtime.close();
    });
}

function authMode(opts: ServeOptions): AuthMode {
  if (opts.auth === 'local') return { mode: 'local' };
  if (!opts.tenant || !opts.audience) throw new UsageError('--auth entra needs --tenant and --audience');
  return { mode: 'entra', tenantId: opts.tenant, audience: opts.audience };
}

export function waitForSignal(): Promise<void> {
  return new Promise((resolve) => {
    const done = () => resolve();
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
}
