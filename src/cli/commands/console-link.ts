import type { Command } from 'commander';
import { createConsoleSignInLink } from '../../console/index.js';
import { openRuntime } from '../../main.js';
import { UsageError } from '../main.js';
import { dbOption } from '../options.js';

interface ConsoleLinkOptions {
  db: string;
  url: string;
}

/** `rosterlink console-link`: a new one-time sign-in link for the console of a server running on the same store. */
export function registerConsoleLink(program: Command): void {
  program
    .command('console-link')
    .description('print a one-time sign-in link (15 min) to the web console of a server using the same store')
    .addOption(dbOption())
    .option('--url <url>', 'the server’s base URL, as `serve` printed it', 'http://127.0.0.1:8080')
    .action(async (opts: ConsoleLinkOptions) => {
      if (!/^https?:\/\/[^/\s]+\/?$/.test(opts.url)) {
        throw new UsageError(`--url '${opts.url}' must be the server's base URL, e.g. http://127.0.0.1:8080`);
      }
      const runtime = await openRuntime(opts.db);
      try {
        process.stdout.write(`${await createConsoleSignInLink(runtime, opts.url)}\n`);
      } finally {
        await runtime.close();
      }
    });
}
