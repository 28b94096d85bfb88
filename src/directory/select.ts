import type { Store } from '../store/database.js';
import { EmbeddedDirectory, type EmbeddedDirectoryOptions } from './embedded/index.js';
import { DirectoryError } from './errors.js';
import { GraphDirectory } from './graph/adapter.js';
import { readGraphConfig, type GraphTargetConfig } from './graph/config.js';
import { LdapDirectory } from './ldap/adapter.js';
import { readLdapConfig, type LdapTargetConfig } from './ldap/config.js';
import type { DirectoryAdapter } from './types.js';

export const DIRECTORY_KINDS = ['embedded', 'graph', 'ldap'] as const;
export type DirectoryKind = (typeof DIRECTORY_KINDS)[number];

/**
 * The `directory` section of a rosterlink config file: one sub-section per target; only the selected one is read.
 * Secrets are never part of it. They come from the environment, directly or as a file path (`*_FILE`):
 * `ROSTERLINK_GRAPH_CLIENT_SECRET`, `ROSTERLINK_GRAPH_ACCESS_TOKEN` (graph) and `ROSTERLINK_LDAP_PASSWORD` (ldap).
 */
export interface DirectoryTargetsConfig {
  embedded?: EmbeddedDirectoryOptions;
  graph?: GraphTargetConfig;
  ldap?: LdapTargetConfig;
}

export interface CreateDirectoryOptions {
  /** Where secrets are read from (default `process.env`). */
  env?: NodeJS.ProcessEnv;
}

/** A directory target, ready to use. */
export interface SelectedDirectory {
  kind: DirectoryKind;
  adapter: DirectoryAdapter;
  /** One line for logs and `--help` output: where the target is, never a secret. */
  description: string;
  /** Releases connections (the LDAP connection keeps the process alive until closed). */
  close(): Promise<void>;
}

/**
 * Builds the directory target `kind` from its config section. Invalid or missing settings (and missing secrets)
 * throw a `DirectoryError` with code `InvalidConfig` whose message names the field or variable, never its value.
 * No connection is made yet: the first call on the adapter connects (and reports an unreachable target then).
 */
export async function createDirectory(
  kind: DirectoryKind,
  config: DirectoryTargetsConfig,
  store: Store,
  options: CreateDirectoryOptions = {},
): Promise<SelectedDirectory> {
  const env = options.env ?? process.env;
  switch (kind) {
    case 'embedded':
      return {
        kind,
        adapter: new EmbeddedDirectory(store, config.embedded),
        description: 'embedded directory (in the rosterlink store)',
        close: async () => {},
      };
    case 'graph': {
      const section = config.graph ?? {};
      const options = readGraphConfig(section, env);
      const adapter = new GraphDirectory(options);
      const where = `${options.baseUrl}/${options.version}`;
      const who =
        section.auth === 'accessToken' ? 'static access token' : `tenant ${section.tenantId}, app ${section.clientId}`;
      return { kind, adapter, description: `Microsoft Graph ${where} (${who})`, close: async () => {} };
    }
    case 'ldap': {
      const section = config.ldap;
      if (!section) throw new DirectoryError('InvalidConfig', 'directory.ldap: the section is missing');
      const adapter = new LdapDirectory(readLdapConfig(section, env));
      const profile = section.profile ?? 'standard';
      return {
        kind,
        adapter,
        description: `LDAP ${section.url} (${profile}, base ${section.baseDN}, bind ${section.bindDN})`,
        close: () => adapter.close(),
      };
    }
    default:
      throw new DirectoryError(
        'InvalidConfig',
        `'${String(kind)}' is not a directory target: use one of ${DIRECTORY_KINDS.join(', ')}`,
      );
  }
}
