import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: this file lives in test/inbound/support/. */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * The shared sample data: `$ROSTERLINK_SHARED_DATA`, else `shared/data` beside the repository clone
 * (`<clone>/../shared/data`, as in CI and in the workspace).
 */
export function sharedDataDir(): string {
  const fromEnv = process.env.ROSTERLINK_SHARED_DATA;
  const dir = fromEnv !== undefined && fromEnv !== '' ? resolve(fromEnv) : resolve(REPO_ROOT, '..', 'shared', 'data');
  if (!existsSync(dir)) throw new Error(`shared sample data not found at ${dir} (set ROSTERLINK_SHARED_DATA)`);
  return dir;
}

export function sharedData(...parts: string[]): string {
  return join(sharedDataDir(), ...parts);
}

export const FAULTS_DIR = join(REPO_ROOT, 'test', 'fixtures', 'inbound', 'faults');
