import type { Command } from 'commander';
import { Option } from 'commander';
import pino from 'pino';
import { createConsoleSignInLink } from '../../console/index.js';
import { openRuntime, startServer, type AuthMode } from '../../main.js';
import { UsageError } from '../main.js';
import { dbOption, parsePort } from '../options.js';
import { scheduleRuns } from '../../engine/schedule.js';
import { emulationOptions, type EmulationFlags } from './emulation-flags.js';
import { directoryFlags, type DirectoryFlags } from './directory-flags.js';
import { engineOptions, type EngineFlags } from './engine-flags.js';

interface ServeOptions extends EngineFlags, EmulationFlags, DirectoryFlags {
  scheduleHours: string;
  port: number;
  host: string;
  db: string;
  auth: 'local' | 'entra';
  tenant?: string;
  audience?: string;
  logLevel: string;
}

export function registerServe(program: Command): void {
  const cmd = program
    .command('serve')
    .description('serve the Graph-compatible API')
    .option('--port <port>', 'port (0 picks a free one)', parsePort, 8080)
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .addOption(dbOption())
    .addOption(new Option('--auth <mode>', 'token verification').choices(['local', 'entra']).default('local'))
    .option('--tenant <id>', 'Entra tenant id (with --auth entra)')
    .option('--audience <aud>', 'expected token audience (with --auth entra)')
    .option('--log-level <level>', 'pino log level', 'info')
    .option('--schedule-hours <n>', 'start a run every n hours (0: only on demand)', '12');
  engineOptions.register(cmd);
  directoryFlags.register(cmd);
  emulationOptions.register(cmd);
  cmd.action(async (opts: ServeOptions) => {
    const auth = authMode(opts);
    const hours = Number(opts.scheduleHours);
    if (!Number.isFinite(hours) || hours < 0)
      throw new UsageError(`--schedule-hours '${opts.scheduleHours}' must be >= 0`);
    const runtime = await openRuntime(opts.db, {
      engine: engineOptions.read(opts),
      ...directoryFlags.runtimeOptions(opts),
    });
    const logger = pino({ level: opts.logLevel }, process.stderr);
    const emulation = emulationOptions.read(opts);
    const server = await startServer({ runtime, auth, port: opts.port, host: opts.host, logger, emulation });
    process.stdout.write(`rosterlink listening on ${server.url}\n`);
    process.stdout.write(`Console: ${await createConsoleSignInLink(runtime, server.url)} (one-time link, 15 min)\n`);
    // A run a crash left unfinished is finished first; it links what it had created instead of creating it again.
    runtime.runs
      .recover()
      .then((ids) => ids.length && logger.info({ runs: ids }, 'resumed interrupted runs'))
      .catch((err: unknown) => logger.error({ err }, 'resuming interrupted runs failed'));
    const stopSchedule = scheduleRuns(runtime.runs, hours, logger);
    await waitForSignal();
    stopSchedule();
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
