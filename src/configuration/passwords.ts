import { invalid } from '../lib/errors.js';
import type { SecretBox } from '../lib/secrets.js';
import { bindKey } from '../model/read-body.js';
import { MASKED_SECRET } from '../model/write-value.js';

interface Configuration {
  defaultPasswordSettings?: { password?: string } | null;
  [key: string]: unknown;
}

/**
 * A client that GETs a flow and PATCHes it back sends the masked password. Storing fifteen asterisks would
 * silently replace the real default password, so the mask means "unchanged" for the same role group.
 */
export function keepUnchangedPasswords(
  current: Record<string, unknown>,
  patch: Record<string, unknown>,
  box: SecretBox,
): void {
  const newConfigs = (patch.creationOptions as { configurations?: Configuration[] } | null | undefined)?.configurations;
  if (!Array.isArray(newConfigs)) return;
  const oldConfigs =
    (current.creationOptions as { configurations?: Configuration[] } | null | undefined)?.configurations ?? [];
  for (const config of newConfigs) {
    const sealed = config.defaultPasswordSettings?.password;
    if (typeof sealed !== 'string' || box.decrypt(sealed) !== MASKED_SECRET) continue;
    const previous = oldConfigs.find((c) => c[bindKey('roleGroup')] === config[bindKey('roleGroup')]);
    const previousPassword = previous?.defaultPasswordSettings?.password;
    if (!previousPassword) {
      throw invalid(
        `creationOptions.configurations: the masked password '${MASKED_SECRET}' can only stand for an existing password of role group '${String(config[bindKey('roleGroup')])}'.`,
      );
    }
    config.defaultPasswordSettings!.password = previousPassword;
  }
}
