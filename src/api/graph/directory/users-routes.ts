import type { FastifyRequest } from 'fastify';
import type { DirectoryService } from '../../../directory/embedded/index.js';
import { parseQueryOptions, type RawQuery } from '../../odata/index.js';
import { PERMISSIONS } from '../../permissions.js';
import type { GraphContext } from '../graph-context.js';
import { directoryGraphErrors as e, directoryHandler } from './directory-errors.js';
import { readNewUser, readUserPatch } from './user-body.js';
import { countUsers, listUsers } from './user-list.js';
import { USER_QUERY_MODEL, userToWire } from './user-model.js';

const { read, write } = PERMISSIONS.directory;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const key = (req: FastifyRequest) => (req.params as { id: string }).id;

/** /v1.0/users, /v1.0/users/{id | userPrincipalName}, /v1.0/users/$count and /v1.0/users/{id}/assignLicense. */
export function registerUsers(ctx: GraphContext, service: DirectoryService, contextRoot: string): void {
  const entity = (wire: Record<string, unknown>, select?: string[]) => ({
    '@odata.context': `${contextRoot}/$metadata#users${select ? `(${select.join(',')})` : ''}/$entity`,
    ...wire,
  });
  const registrar = ctx.registrar('directory');

  registrar.add('/v1.0/users', {
    GET: {
      permissions: read,
      summary: 'List users of the embedded directory',
      status: 200,
      collection: true,
      handler: directoryHandler(async (req) => listUsers(req, service, contextRoot)),
    },
    POST: {
      permissions: write,
      summary: 'Create a user in the embedded directory',
      status: 201,
      handler: directoryHandler(async (req, reply) => {
        const account = await service.create(readNewUser(req.body));
        reply.code(201).header('Location', ctx.respond.location(req, `/v1.0/users/${account.id}`));
        return entity(userToWire(account));
      }),
    },
  });

  registrar.add('/v1.0/users/$count', {
    GET: {
      permissions: read,
      summary: 'Count users',
      status: 200,
      handler: directoryHandler(async (req, reply) => {
        reply.type('text/plain; charset=utf-8');
        return countUsers(req, service);
      }),
    },
  });

  registrar.add('/v1.0/users/:id', {
    GET: {
      permissions: read,
      summary: 'Get a user by id or userPrincipalName',
      status: 200,
      handler: directoryHandler(async (req) => {
        const { select } = parseQueryOptions(req.query as RawQuery, USER_QUERY_MODEL, { only: ['select'] });
        return entity(userToWire(await service.get(key(req)), select), select);
      }),
    },
    PATCH: {
      permissions: write,
      summary: 'Update a user',
      status: 204,
      handler: directoryHandler(async (req, reply) => {
        await service.update(key(req), readUserPatch(req.body));
        return reply.code(204).send();
      }),
    },
    DELETE: {
      permissions: write,
      summary: 'Delete a user (its licence seats are released)',
      status: 204,
      handler: directoryHandler(async (req, reply) => {
        await service.delete(key(req));
        return reply.code(204).send();
      }),
    },
  });

  registrar.add('/v1.0/users/:id/assignLicense', {
    POST: {
      permissions: write,
      summary: 'Add and remove licences of a user',
      status: 200,
      handler: directoryHandler(async (req) => {
        const { add, remove } = readAssignLicense(req.body);
        return entity(userToWire(await service.assignLicense(key(req), add, remove)));
      }),
    },
  });
}

/** `{ addLicenses: [{ skuId, disabledPlans? }], removeLicenses: [skuId] }`; both are required, as on Graph. */
function readAssignLicense(body: unknown): { add: string[]; remove: string[] } {
  const b = body as { addLicenses?: unknown; removeLicenses?: unknown } | null;
  if (b === null || typeof b !== 'object' || !Array.isArray(b.addLicenses) || !Array.isArray(b.removeLicenses)) {
    throw e.badRequest("The request body must carry the arrays 'addLicenses' and 'removeLicenses'.");
  }
  const add = b.addLicenses.map((l: unknown) => (l as { skuId?: unknown } | null)?.skuId);
  const remove = b.removeLicenses as unknown[];
  for (const skuId of [...add, ...remove]) {
    if (typeof skuId !== 'string' || !GUID.test(skuId))
      throw e.badRequest(`Invalid value specified for property 'skuId'.`);
  }
  return { add: add as string[], remove: remove as string[] };
}
