import { Option, type Command } from 'commander';
import type { EngineOptions } from '../../engine/types.js';
import { UsageError } from '../main.js';

export interface EngineFlags {
  usageLocation?: string;
  deprovision?: 'none' | 'disable';
}

/** Engine options shared by `serve`, `run` and `plan`. */
export const engineOptions = {
  register(cmd: Command): void {
    cmd
      .option('--usage-location <cc>', 'ISO country code set on created accounts (needed for licences)', 'US')
      .addOption(
        new Option('--deprovision <policy>', 'what happens to accounts of people who left the roster')
          .choices(['none', 'disable'])
          .default('none'),
      );
  },
  read(flags: EngineFlags): Partial<EngineOptions> {
    if (flags.usageLocation && !/^[A-Za-z]{2}$/.test(flags.usageLocation)) {
      throw new UsageError(`--usage-location '${flags.usageLocation}' must be a two-letter country code`);
    }
    return { usageLocation: flags.usageLocation?.toUpperCase(), deprovision: flags.deprovision };
  },
};
