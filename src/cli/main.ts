import { Command, CommanderError } from 'commander';
import { DirectoryError } from '../directory/errors.js';
import { DomainError } from '../lib/errors.js';
import { StoreConfigError } from '../store/database.js';
import { registerServe } from './commands/serve.js';
import { registerToken } from './commands/token.js';
import { registerDemo } from './commands/demo.js';
import { registerGenerate } from './commands/generate.js';
import { registerImport } from './commands/import.js';
import { registerPlan } from './commands/plan.js';
import { registerReport } from './commands/report.js';
import { registerRun } from './commands/run.js';
import { registerDirectory } from './commands/directory.js';
import { registerConsoleLink } from './commands/console-link.js';

/** Usage errors (bad flags or arguments) exit 2; failures of the work itself exit 1. */
export class UsageError extends Error {}

export async function main(argv: string[]): Promise<number> {
  const program = new Command()
    .name('rosterlink')
    .description('Open, self-hosted Microsoft Graph Industry Data user provisioning (School Data Sync)')
    .exitOverride()
    .showHelpAfterError();
  registerServe(program);
  registerToken(program);
  registerDemo(program);
  registerImport(program);
  registerGenerate(program);
  registerRun(program);
  registerPlan(program);
  registerReport(program);
  registerDirectory(program);
  registerConsoleLink(program);
  try {
    await program.parseAsync(argv);
    // A command may set a non-zero code without throwing (e.g. import stopped by a catastrophic finding: 2).
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    if (err instanceof UsageError || err instanceof StoreConfigError) {
      process.stderr.write(`rosterlink: ${err.message}\n`);
      return 2;
    }
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      process.stderr.write(
        `rosterlink: ${(err as Error).message}: the port is in use; choose another with --port (0 picks a free one)\n`,
      );
      return 2;
    }
    if (err instanceof DirectoryError && err.code === 'InvalidConfig') {
      process.stderr.write(`rosterlink: directory configuration: ${err.message}\n`);
      return 2;
    }
    if (err instanceof DomainError) {
      process.stderr.write(`rosterlink: ${err.message}\n`);
      return 1;
    }
    process.stderr.write(`rosterlink: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    return 1;
  }
}
