import fs from 'node:fs';
import { DirectoryError } from './errors.js';

/**
 * Reads a secret from `NAME` or from the file named by `NAME_FILE` (the Docker/Kubernetes secrets convention); a
 * trailing newline in the file is dropped. Returns undefined when neither is set. Error messages name the variable,
 * never the value.
 */
function readSecret(name: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const direct = env[name];
  const file = env[`${name}_FILE`];
  if (direct !== undefined && direct !== '' && file) {
    throw new DirectoryError('InvalidConfig', `Set either ${name} or ${name}_FILE, not both.`);
  }
  if (direct !== undefined && direct !== '') return direct;
  if (!file) return undefined;
  try {
    return fs.readFileSync(file, 'utf8').replace(/\r?\n$/, '');
  } catch (err) {
    throw new DirectoryError(
      'InvalidConfig',
      `${name}_FILE names a file that cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'}).`,
    );
  }
}

/** Like `readSecret`, but a missing secret is an InvalidConfig error that says what needs it. */
export function requireSecret(name: string, purpose: string, env: NodeJS.ProcessEnv = process.env): string {
  const value = readSecret(name, env);
  if (value === undefined) throw new DirectoryError('InvalidConfig', `${purpose} needs ${name} or ${name}_FILE.`);
  return value;
}
