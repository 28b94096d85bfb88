import fs from 'node:fs';
import { Option, type Command } from 'commander';
import {
  DIRECTORY_KINDS,
  createDirectory,
  type DirectoryKind,
  type DirectoryTargetsConfig,
} from '../../directory/select.js';
import type { RuntimeOptions } from '../../main.js';
import { UsageError } from '../main.js';

export interface DirectoryFlags {
  directory?: DirectoryKind;
  config?: string;
}

/**
 * `--directory embedded|graph|ldap` and `--config file.json` (its `directory` section configures the target;
 * secrets come from the environment, see docs/directory-targets.md). Shared by serve, run and plan.
 */
export const directoryFlags = {
  register(cmd: Command): void {
    cmd
      .addOption(
        new Option('--directory <target>', 'directory target').choices([...DIRECTORY_KINDS]).default('embedded'),
      )
      .option('--config <file>', 'JSON config file with a "directory" section per target');
  },
  runtimeOptions(flags: DirectoryFlags): Pick<RuntimeOptions, 'directory' | 'onClose'> {
    const kind = flags.directory ?? 'embedded';
    if (kind === 'embedded' && !flags.config) return {};
    const targets = readTargets(flags.config);
    let close: (() => Promise<void>) | undefined;
    return {
      directory: async (store) => {
        const selected = await createDirectory(kind, targets, store);
        close = selected.close;
        process.stderr.write(`rosterlink: directory target: ${selected.description}\n`);
        return selected.adapter;
      },
      onClose: async () => close?.(),
    };
  },
};

function readTargets(file: string | undefined): DirectoryTargetsConfig {
  if (!file) return {};
  try {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as { directory?: DirectoryTargetsConfig };
    return parsed.directory ?? {};
  } catch (err) {
    throw new UsageError(`--config '${file}': ${(err as Error).message}`);
  }
}
