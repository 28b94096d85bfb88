import { Option, type Command } from 'commander';
import { generateDistrict } from '../../inbound/generate/generate-district.js';
import { UsageError } from '../main.js';

interface GenerateOptions {
  persons: string;
  out: string;
  format: 'sds-v2.1' | 'oneroster-1.1';
  seed: string;
  domain?: string;
}

export function registerGenerate(program: Command): void {
  program
    .command('generate')
    .description('write a realistic, deterministic school district as roster CSV files')
    .requiredOption('--persons <n>', 'students and staff (guardians come on top)')
    .requiredOption('--out <dir>', 'output folder')
    .addOption(
      new Option('--format <format>', 'roster format').choices(['sds-v2.1', 'oneroster-1.1']).default('sds-v2.1'),
    )
    .option('--seed <n>', 'seed; the same seed writes the same files', '1')
    .option('--domain <domain>', 'username domain', 'contoso.edu')
    .action(async (opts: GenerateOptions) => {
      const persons = Number(opts.persons);
      const seed = Number(opts.seed);
      if (!Number.isInteger(persons) || persons < 1)
        throw new UsageError(`--persons '${opts.persons}' must be a positive integer`);
      if (!Number.isInteger(seed)) throw new UsageError(`--seed '${opts.seed}' must be an integer`);
      try {
        const s = await generateDistrict({ persons, out: opts.out, format: opts.format, seed, domain: opts.domain });
        process.stdout.write(
          `Wrote ${s.students} students, ${s.staff} staff, ${s.contacts} contacts, ${s.orgs} orgs to ${opts.out} (${opts.format})\n`,
        );
      } catch (err) {
        if (err instanceof RangeError) throw new UsageError(err.message);
        throw err;
      }
    });
}
