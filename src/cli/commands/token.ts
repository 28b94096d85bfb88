import type { Command } from 'commander';
import { allPermissions } from '../../api/permissions.js';
import { issueLocalToken } from '../../auth/local-tokens.js';
import { openStore } from '../../store/database.js';
import { UsageError } from '../main.js';
import { dbOption } from '../options.js';

interface TokenOptions {
  scopes: string;
  db: string;
  app?: boolean;
  expires: string;
}

export function registerToken(program: Command): void {
  program
    .command('token')
    .description('print a bearer token for the local auth mode of the same store')
    .option('--scopes <list>', 'space- or comma-separated permissions, or "all"', 'all')
    .option('--app', 'application token (roles claim) instead of delegated (scp claim)')
    .option('--expires <seconds>', 'lifetime in seconds', '3600')
    .addOption(dbOption())
    .action(async (opts: TokenOptions) => {
      const expires = Number(opts.expires);
      if (!Number.isInteger(expires) || expires <= 0)
        throw new UsageError(`--expires '${opts.expires}' must be a positive integer`);
      const permissions = opts.scopes.trim() === 'all' ? allPermissions() : opts.scopes.split(/[\s,]+/).filter(Boolean);
      if (permissions.length === 0) throw new UsageError('--scopes must name at least one permission');
      const store = await openStore(opts.db);
      try {
        const token = await issueLocalToken(store, { permissions, app: opts.app, expiresInSeconds: expires });
        process.stdout.write(`${token}\n`);
      } finally {
        await store.close();
      }
    });
}
