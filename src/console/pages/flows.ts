import type { FastifyInstance } from 'fastify';
import { provisioningFlowWire } from '../../api/graph/industry-data/provisioning-flows.js';
import type { Doc } from '../../configuration/configuration-service.js';
import { FLOWS, FLOW_SETS } from '../../configuration/entity-sets.js';
import { flowReadiness } from '../../engine/readiness.js';
import { userProvisioningFlow } from '../../model/outbound-types.js';
import type { ConsoleDeps } from '../deps.js';
import { flowSetsWithFlows, nameOf, shortType } from '../data/flows.js';
import { userFlowView } from '../data/user-flow-form.js';
import { queryOf, sendPage } from '../http.js';
import { html, type SafeHtml } from '../html.js';
import { badge, card, flash, keyValues, table, when } from '../views/components.js';

type FlowParams = { Params: { setId: string; flowId: string } };

/** `/console/flows`: flow sets with their flows; `/console/flows/:set/:flow`: one flow's settings. */
export function registerFlows(scope: FastifyInstance, deps: ConsoleDeps): void {
  const { config } = deps.runtime;

  scope.get('/flows', async (req, reply) => {
    const sets = await flowSetsWithFlows(config);
    const body = sets.length
      ? sets.map(({ flowSet, flows }) =>
          card(
            nameOf(flowSet),
            html`${keyValues([
                ['Flow set id', html`<code>${flowSet.id}</code>`],
                ['Organisations', orgFilter(flowSet)],
                ['Last modified', when(flowSet.data.lastModifiedDateTime)],
              ])}
              <h3>Flows</h3>
              ${table({
                head: ['Type', 'Readiness', 'Why not ready', 'Last modified', ''],
                empty: 'This flow set has no flows.',
                rows: flows.map((f) => [
                  html`<a href="/console/flows/${flowSet.id}/${f.flow.id}">${shortType(f.flow.type)}</a>`,
                  badge(f.readiness.status),
                  f.readiness.reason ? html`<span class="reason">${f.readiness.reason}</span>` : '—',
                  when(f.flow.data.lastModifiedDateTime),
                  f.flow.type === userProvisioningFlow.name
                    ? html`<a class="button secondary small" href="/console/flows/${flowSet.id}/${f.flow.id}/edit"
                        >Edit</a
                      >`
                    : '',
                ]),
              })}`,
          ),
        )
      : html`<p class="empty">
          No flow sets yet. Create one through the API or with <code>rosterlink run --setup</code>.
        </p>`;
    return sendPage(req, reply, { title: 'Flow sets and flows', section: 'flows', body });
  });

  scope.get<FlowParams>('/flows/:setId/:flowId', async (req, reply) => {
    const flowSet = await config.get(FLOW_SETS, req.params.setId);
    const flow = await config.get(FLOWS, req.params.flowId, flowSet.id);
    const readiness = await flowReadiness(config, flow);
    const isUserFlow = flow.type === userProvisioningFlow.name;
    const groups = await config.roleGroupsById();
    const wireJson = JSON.stringify(provisioningFlowWire(deps.respond, flow, readiness.status, groups), null, 2);
    const body = html`${queryOf(req).saved ? flash('ok', 'Saved. The next run uses these settings.') : ''}
    ${card(
      'Status',
      keyValues([
        [
          'Readiness',
          html`${badge(readiness.status)}
          ${readiness.reason ? html`<span class="reason">${readiness.reason}</span>` : ''}`,
        ],
        ['Flow id', html`<code>${flow.id}</code>`],
        ['Created', when(flow.data.createdDateTime)],
        ['Last modified', when(flow.data.lastModifiedDateTime)],
      ]),
    )}
    ${isUserFlow ? userFlowSettings(flow, groups) : ''}
    ${card(
      'Graph JSON',
      html`<details>
        <summary>As the API returns it (passwords masked)</summary>
        <pre class="json">${wireJson}</pre>
      </details>`,
    )}`;
    return sendPage(req, reply, {
      title: shortType(flow.type),
      subtitle: html`Flow set <a href="/console/flows">${nameOf(flowSet)}</a>`,
      section: 'flows',
      actions: isUserFlow
        ? html`<a class="button" href="/console/flows/${flowSet.id}/${flow.id}/edit">Edit flow</a>`
        : '',
      body,
    });
  });
}

function userFlowSettings(flow: Doc, groups: Map<string, Doc>): SafeHtml {
  const v = userFlowView(flow.data);
  const yes = (b: boolean) => (b ? 'Yes' : 'No');
  return html`<div class="grid">
    ${card(
      'Management',
      keyValues([
        ['Create unmatched users', yes(v.createUnmatchedUsers)],
        ['Additional attributes', v.additionalAttributes.length ? v.additionalAttributes.join(', ') : 'None'],
        ['Student age group', v.studentAgeGroup ?? 'Not set'],
        ['Student–contact association', yes(v.allowStudentContactAssociation)],
      ]),
    )}
    ${card(
      'Creation settings by role group',
      table({
        head: ['Role group', 'Licence SKUs', 'Default password'],
        empty: 'No role group has creation settings.',
        rows: v.configurations.map((c) => [
          String(groups.get(c.roleGroupId)?.data.displayName ?? c.roleGroupId),
          c.licenseSkus.length ? c.licenseSkus.join(', ') : html`<span class="muted">none</span>`,
          c.hasPassword ? badge('set') : html`<span class="badge bad">not set</span>`,
        ]),
      }),
    )}
  </div>`;
}

function orgFilter(flowSet: Doc): SafeHtml | string {
  const filter = flowSet.data.filter as { in?: string[] } | null | undefined;
  if (!filter?.in) return 'All';
  return html`<code>${filter.in.join(', ')}</code>`;
}
