import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { stringify } from 'csv-stringify/sync';
import { DirectoryService, importAccounts, parseAccountsCsv } from '../../directory/embedded/index.js';
import { DirectoryError } from '../../directory/errors.js';
import type { DirectoryAccount } from '../../directory/types.js';
import { invalid } from '../../lib/errors.js';
import { openStore, type Store } from '../../store/database.js';
import { refreshStatistics } from '../../store/statistics.js';
import { UsageError } from '../main.js';
import { dbOption } from '../options.js';

/** Opens the store, runs `work` with the embedded directory, closes the store; directory errors exit 1. */
async function withDirectory<T>(db: string, work: (service: DirectoryService, store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(db);
  try {
    return await work(new DirectoryService(store), store);
  } catch (err) {
    if (err instanceof DirectoryError) throw invalid(err.message);
    throw err;
  } finally {
    await store.close();
  }
}

export function registerDirectory(program: Command): void {
  const directory = program.command('directory').description('administer the embedded directory (the default target)');

  directory
    .command('import')
    .description('create or update accounts from a CSV whose columns are Graph user properties (upsert by UPN)')
    .argument('<accounts.csv>', 'CSV file; userPrincipalName is required, password optional (else random)')
    .addOption(dbOption())
    .action(async (file: string, opts: { db: string }) => {
      const content = await readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
        throw invalid(`cannot read '${file}': ${err.code ?? err.message}`);
      });
      const { rows, problems } = parseAccountsCsv(content);
      const summary = await withDirectory(opts.db, async (service, store) => {
        const imported = await importAccounts(service.directory, rows);
        await refreshStatistics(store, ['directory_users', 'directory_license_assignments']);
        return imported;
      });
      const failed = [...problems, ...summary.failed].sort((a, b) => a.line - b.line);
      const out = process.stdout;
      out.write(`created ${summary.created}, updated ${summary.updated}, failed ${failed.length}\n`);
      if (summary.generatedPasswords > 0) {
        out.write(`${summary.generatedPasswords} new account(s) got a random password (not shown)\n`);
      }
      for (const f of failed) process.stderr.write(`${file}:${f.line}: ${f.message}\n`);
      if (failed.length > 0) throw invalid(`${failed.length} row(s) failed`); // exit status 1
    });

  directory
    .command('list')
    .description('list the accounts of the embedded directory')
    .option('--json', 'print JSON (one array) instead of CSV')
    .addOption(dbOption())
    .action(async (opts: { db: string; json?: boolean }) => {
      const accounts = await withDirectory(opts.db, (service) => listAll(service));
      if (opts.json) process.stdout.write(`${JSON.stringify(accounts, null, 2)}\n`);
      else process.stdout.write(toCsv(accounts));
    });

  const sku = directory.command('sku').description('licence SKUs of the embedded directory');
  sku
    .command('add')
    .description('add a licence SKU (or set the seats of an existing one); prints its skuId')
    .argument('<skuPartNumber>', 'e.g. STANDARDWOFFPACK_STUDENT')
    .requiredOption('--seats <n>', 'number of enabled seats', parseSeats)
    .option('--sku-id <guid>', 'skuId to use (default: a new GUID)')
    .addOption(dbOption())
    .action(async (skuPartNumber: string, opts: { seats: number; skuId?: string; db: string }) => {
      const added = await withDirectory(opts.db, (service) =>
        service.addSku({ skuPartNumber, seats: opts.seats, skuId: opts.skuId }),
      );
      process.stdout.write(`${added.skuId}\n`);
    });
}

function parseSeats(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n))
    throw new UsageError(`--seats '${value}' must be a whole number`);
  return n;
}

async function listAll(service: DirectoryService): Promise<DirectoryAccount[]> {
  const all: DirectoryAccount[] = [];
  for (let offset = 0; ; offset += 1000) {
    const { accounts } = await service.list({ offset, limit: 1000, orderBy: [{ column: 'upn', direction: 'asc' }] });
    all.push(...accounts);
    if (accounts.length < 1000) return all;
  }
}

const CSV_COLUMNS = [
  'id',
  'userPrincipalName',
  'displayName',
  'givenName',
  'surname',
  'mail',
  'accountEnabled',
  'employeeId',
  'usageLocation',
  'anchor',
  'grade',
  'userNumber',
  'ageGroup',
  'assignedLicenses',
] as const;

function toCsv(accounts: DirectoryAccount[]): string {
  const rows = accounts.map((a) =>
    CSV_COLUMNS.map((c) => (c === 'assignedLicenses' ? a.assignedLicenses.map((l) => l.skuId).join(' ') : a[c])),
  );
  return stringify([[...CSV_COLUMNS], ...rows], { cast: { boolean: (b) => String(b) } });
}
