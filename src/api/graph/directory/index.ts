import { DirectoryService } from '../../../directory/embedded/index.js';
import type { GraphContext } from '../graph-context.js';
import { registerBatch } from './batch-route.js';
import { registerGraphEmulation, type GraphEmulationOptions } from './graph-emulation.js';
import { registerSubscribedSkus } from './subscribed-skus.js';
import { registerUsers } from './users-routes.js';

export type { GraphEmulationOptions } from './graph-emulation.js';

/** The embedded directory's Graph /v1.0 subset: users, assignLicense, subscribedSkus and $batch. */
export function registerDirectory(ctx: GraphContext, emulation?: GraphEmulationOptions): void {
  registerGraphEmulation(ctx.app, emulation);
  const service = new DirectoryService(ctx.config.store);
  // `@odata.context` follows the configured root, on v1.0 instead of beta.
  const contextRoot = `${ctx.respond.contextRoot.replace(/\/beta\/?$/, '')}/v1.0`;
  registerUsers(ctx, service, contextRoot);
  registerSubscribedSkus(ctx, service, contextRoot);
  registerBatch(ctx);
}

/** Entity sets of the subset: the segment after one is a key (for "Resource not found for the segment"). */
export const DIRECTORY_ENTITY_SETS = ['users'];

/** Path segments the subset adds to the server's vocabulary. */
export const DIRECTORY_SEGMENTS = ['users', 'subscribedskus', 'assignlicense', '$batch'];
