import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Doc } from '../../configuration/configuration-service.js';
import { FLOWS, FLOW_SETS, ROLE_GROUPS } from '../../configuration/entity-sets.js';
import { DomainError } from '../../lib/errors.js';
import { userProvisioningFlow } from '../../model/outbound-types.js';
import type { ConsoleDeps } from '../deps.js';
import { nameOf } from '../data/flows.js';
import {
  readUserFlowForm,
  userFlowPatch,
  userFlowView,
  viewOfInput,
  type UserFlowView,
} from '../data/user-flow-form.js';
import { csrfOf, formOf, redirect, sendPage } from '../http.js';
import { html } from '../html.js';
import { flash } from '../views/components.js';
import { userFlowForm } from '../views/flow-form.js';

type FlowParams = { Params: { setId: string; flowId: string } };

/**
 * Editing a userProvisioningFlow. Saving sends the Graph PATCH body the API would receive through
 * `config.update(FLOWS, …)`, so validation and messages are the API's; a refusal is shown inline (400).
 */
export function registerFlowEdit(scope: FastifyInstance, deps: ConsoleDeps): void {
  const { config } = deps.runtime;

  const load = async (req: FastifyRequest<FlowParams>) => {
    const flowSet = await config.get(FLOW_SETS, req.params.setId);
    const flow = await config.get(FLOWS, req.params.flowId, flowSet.id);
    return { flowSet, flow };
  };

  const show = async (
    req: FastifyRequest<FlowParams>,
    reply: FastifyReply,
    target: { flowSet: Doc; flow: Doc },
    values: UserFlowView,
    error?: string,
  ) => {
    const base = `/console/flows/${target.flowSet.id}/${target.flow.id}`;
    const groups = await config.list(ROLE_GROUPS);
    const skus = deps.accounts ? (await deps.accounts.subscribedSkus()).map((s) => s.skuPartNumber) : [];
    const body =
      target.flow.type === userProvisioningFlow.name
        ? userFlowForm({
            action: base,
            cancel: base,
            csrf: csrfOf(req),
            values,
            roleGroups: groups.map((g) => ({ id: g.id, displayName: nameOf(g) })),
            knownSkus: skus,
            error,
          })
        : flash('info', 'Only userProvisioningFlows can be edited here; the other types are kept but not run.');
    return sendPage(
      req,
      reply,
      {
        title: 'Edit user provisioning flow',
        subtitle: html`Flow set <a href="/console/flows">${nameOf(target.flowSet)}</a>`,
        section: 'flows',
        body,
      },
      error ? 400 : 200,
    );
  };

  scope.get<FlowParams>('/flows/:setId/:flowId/edit', async (req, reply) => {
    const target = await load(req);
    return show(req, reply, target, userFlowView(target.flow.data));
  });

  scope.post<FlowParams>('/flows/:setId/:flowId', async (req, reply) => {
    const target = await load(req);
    if (target.flow.type !== userProvisioningFlow.name) return show(req, reply, target, userFlowView({}));
    const groups = (await config.list(ROLE_GROUPS)).map((g) => g.id);
    const current = userFlowView(target.flow.data);
    const input = readUserFlowForm(formOf(req), groups);
    try {
      await config.update(FLOWS, target.flow.id, userFlowPatch(input, current), target.flowSet.id);
    } catch (err) {
      if (!(err instanceof DomainError) || err.kind !== 'invalid') throw err;
      return show(req, reply, target, viewOfInput(input, current), err.message);
    }
    return redirect(req, reply, `/console/flows/${target.flowSet.id}/${target.flow.id}?saved=1`);
  });
}
