import type { Runtime } from '../../main.js';
import { ConsoleAuthRepository } from '../../store/repositories/console-auth.js';
import { ConsoleAuth } from './console-auth.js';

/**
 * A one-time link into the web console, e.g. `http://127.0.0.1:8080/console/signin?code=…`, for `serve` and `demo`
 * to print. The code works once, for 15 minutes; the store keeps only its hash.
 */
export async function createConsoleSignInLink(runtime: Pick<Runtime, 'store'>, baseUrl: string): Promise<string> {
  const code = await new ConsoleAuth(new ConsoleAuthRepository(runtime.store.db)).createCode();
  return `${baseUrl.replace(/\/+$/, '')}/console/signin?code=${code}`;
}
