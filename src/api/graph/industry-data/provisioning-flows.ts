import type { Doc } from '../../../configuration/configuration-service.js';
import { FLOWS } from '../../../configuration/entity-sets.js';
import { PERMISSIONS } from '../../permissions.js';
import { provisioningFlow } from '../../../model/outbound-types.js';
import type { GraphContext } from '../graph-context.js';
import type { Responder } from '../responder.js';

const BASE = '/beta/external/industryData/outboundProvisioningFlowSets/:setId/provisioningFlows';
const setPath = (setId: string) => `external/industryData/outboundProvisioningFlowSets('${setId}')`;

/**
 * A provisioningFlow as GET returns it: role groups expanded inside user configurations and the computed readiness.
 * The console shows flows through this too.
 */
export function provisioningFlowWire(
  respond: Responder,
  doc: Doc,
  readiness: string,
  groups: Map<string, Doc>,
): Record<string, unknown> {
  const data = { ...doc.data, readinessStatus: readiness };
  return respond.entity(provisioningFlow, data, `${setPath(doc.parentId!)}/provisioningFlows('${doc.id}')`, groups);
}

type Params = { setId: string; flowId: string };

export function registerProvisioningFlows(ctx: GraphContext): void {
  const { config, respond } = ctx;
  const { read, write } = PERMISSIONS.outboundFlows;

  /** GET and list expand `roleGroup` inside user configurations; the POST response does not (as documented). */
  type Groups = Awaited<ReturnType<typeof config.roleGroupsById>>;
  /** With `groups` (GET and list): roleGroup expanded and the computed readiness; without (the POST response): as stored. */
  const toWire = async (doc: Doc, groups?: Groups) =>
    groups
      ? provisioningFlowWire(respond, doc, (await ctx.readiness(doc)).status, groups)
      : respond.entity(provisioningFlow, doc.data, `${setPath(doc.parentId!)}/provisioningFlows('${doc.id}')`);
  const reset = {
    permissions: write,
    summary: 'Reset a provisioningFlow: the next run reprocesses all data and clears its errors',
    status: 202,
    handler: async (req: { params: unknown }, reply: { code(n: number): { send(): unknown } }) => {
      const { setId, flowId } = req.params as Params;
      await config.resetFlow(setId, flowId);
      return reply.code(202).send();
    },
  };

  ctx
    .registrar('provisioningFlows')
    .add(BASE, {
      GET: {
        permissions: read,
        summary: 'List provisioningFlows (polymorphic)',
        status: 200,
        responseType: provisioningFlow,
        collection: true,
        handler: async (req) => {
          const { setId } = req.params as Params;
          const docs = await config.list(FLOWS, setId);
          const groups = await config.roleGroupsById();
          const items = await Promise.all(docs.map((d) => toWire(d, groups)));
          return respond.collection(req, items, `${setPath(setId)}/provisioningFlows`, provisioningFlow);
        },
      },
      POST: {
        permissions: write,
        summary: 'Create a provisioningFlow (body must carry one of the four derived @odata.type values)',
        status: 201,
        requestType: provisioningFlow,
        responseType: provisioningFlow,
        handler: async (req, reply) => {
          const { setId } = req.params as Params;
          const doc = await config.create(FLOWS, req.body, setId);
          reply.code(201).header('Location', respond.location(req, `${req.url.split('?')[0]}/${doc.id}`));
          return respond.single(
            req,
            await toWire(doc),
            `${setPath(doc.parentId!)}/provisioningFlows/$entity`,
            provisioningFlow,
          );
        },
      },
    })
    .add(`${BASE}/$count`, {
      GET: {
        permissions: read,
        summary: 'Count provisioningFlows',
        status: 200,
        handler: async (req, reply) => {
          const docs = await config.list(FLOWS, (req.params as Params).setId);
          const items = await Promise.all(docs.map((d) => toWire(d)));
          return respond.count(req, reply, items, provisioningFlow);
        },
      },
    })
    .add(`${BASE}/:flowId`, {
      GET: {
        permissions: read,
        summary: 'Get a provisioningFlow',
        status: 200,
        responseType: provisioningFlow,
        handler: async (req) => {
          const { setId, flowId } = req.params as Params;
          const doc = await config.get(FLOWS, flowId, setId);
          return respond.single(
            req,
            await toWire(doc, await config.roleGroupsById()),
            `${setPath(doc.parentId!)}/provisioningFlows/$entity`,
            provisioningFlow,
          );
        },
      },
      PATCH: {
        permissions: write,
        summary: 'Update a provisioningFlow',
        status: 204,
        requestType: provisioningFlow,
        handler: async (req, reply) => {
          const { setId, flowId } = req.params as Params;
          await config.update(FLOWS, flowId, req.body, setId);
          return reply.code(204).send();
        },
      },
      DELETE: {
        permissions: write,
        summary: 'Delete a provisioningFlow',
        status: 204,
        handler: async (req, reply) => {
          const { setId, flowId } = req.params as Params;
          await config.remove(FLOWS, flowId, setId);
          return reply.code(204).send();
        },
      },
    })
    .add(`${BASE}/:flowId/reset`, { POST: reset });
}
