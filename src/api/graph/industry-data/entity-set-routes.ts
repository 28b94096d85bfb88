import type { FastifyRequest } from 'fastify';
import type { EntitySetDef } from '../../../configuration/entity-sets.js';
import type { Doc } from '../../../configuration/configuration-service.js';
import type { GraphContext } from '../graph-context.js';
import type { MethodSpec } from '../resource.js';

const ROOT = 'external/industryData';

export interface EntitySetRoutes {
  def: EntitySetDef;
  permissions: { read: readonly string[]; write: readonly string[] };
  /** Which operations the entity set offers; the rest answer 405. */
  operations: ('list' | 'get' | 'create' | 'update' | 'delete')[];
  /** Expand role-group navigations inside complex values on GET/list. */
  expandRoleGroups?: boolean;
}

/** List/get/create/update/delete for a top-level configuration entity set under /beta/external/industryData. */
export function registerEntitySet(ctx: GraphContext, spec: EntitySetRoutes): void {
  const { config, respond } = ctx;
  const { def, permissions, operations } = spec;
  const setPath = `${ROOT}/${def.collection}`;
  const base = `/beta/${setPath}`;
  const has = (op: EntitySetRoutes['operations'][number]) => operations.includes(op);
  /** Role groups for the expansion of GET and list, read once per request (undefined when this set expands none). */
  const expansion = async () => (spec.expandRoleGroups ? config.roleGroupsById() : undefined);
  const toWire = (doc: Doc, groups: Awaited<ReturnType<typeof expansion>>) =>
    respond.entity(def.type, doc.data, `${setPath}('${doc.id}')`, groups);
  const id = (req: FastifyRequest) => (req.params as { id: string }).id;
  const listAll = async () => {
    const groups = await expansion();
    return (await config.list(def)).map((d) => toWire(d, groups));
  };

  const collection: Record<string, MethodSpec> = {};
  const item: Record<string, MethodSpec> = {};
  if (has('list')) {
    collection.GET = {
      permissions: permissions.read,
      summary: `List ${def.collection}`,
      status: 200,
      responseType: def.type,
      collection: true,
      handler: async (req) => respond.collection(req, await listAll(), setPath, def.type),
    };
  }
  if (has('create')) {
    collection.POST = {
      permissions: permissions.write,
      summary: `Create ${def.what}`,
      status: 201,
      requestType: def.type,
      responseType: def.type,
      handler: async (req, reply) => {
        const doc = await config.create(def, req.body);
        reply.code(201).header('Location', respond.location(req, `${base}/${encodeURIComponent(doc.id)}`));
        return respond.single(req, toWire(doc, undefined), `${setPath}/$entity`, def.type);
      },
    };
  }
  if (has('get')) {
    item.GET = {
      permissions: permissions.read,
      summary: `Get ${def.what}`,
      status: 200,
      responseType: def.type,
      handler: async (req) =>
        respond.single(req, toWire(await config.get(def, id(req)), await expansion()), `${setPath}/$entity`, def.type),
    };
  }
  if (has('update')) {
    item.PATCH = {
      permissions: permissions.write,
      summary: `Update ${def.what}`,
      status: 204,
      requestType: def.type,
      handler: async (req, reply) => {
        await config.update(def, id(req), req.body);
        return reply.code(204).send();
      },
    };
  }
  if (has('delete')) {
    item.DELETE = {
      permissions: permissions.write,
      summary: `Delete ${def.what}`,
      status: 204,
      handler: async (req, reply) => {
        await config.remove(def, id(req));
        return reply.code(204).send();
      },
    };
  }
  const registrar = ctx.registrar(def.collection).add(base, collection).add(`${base}/:id`, item);
  if (has('list')) {
    registrar.add(`${base}/$count`, {
      GET: {
        permissions: permissions.read,
        summary: `Count ${def.collection}`,
        status: 200,
        handler: async (req, reply) => respond.count(req, reply, await listAll(), def.type),
      },
    });
  }
}
