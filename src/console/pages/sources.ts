import type { FastifyInstance } from 'fastify';
import { SOURCE_SYSTEMS } from '../../configuration/entity-sets.js';
import { readMatchingRules } from '../../engine/flow-settings.js';
import { describeRule } from '../../engine/identity.js';
import type { ConsoleDeps } from '../deps.js';
import { nameOf } from '../data/flows.js';
import { sendPage } from '../http.js';
import { html } from '../html.js';
import { card, keyValues, table } from '../views/components.js';

/** `/console/sources`: source systems and their matching rules (one per role group; the lowest priority wins). */
export function registerSources(scope: FastifyInstance, deps: ConsoleDeps): void {
  const { config } = deps.runtime;
  scope.get('/sources', async (req, reply) => {
    const systems = await config.list(SOURCE_SYSTEMS);
    const groups = await config.roleGroupsById();
    const body = systems.length
      ? systems.map((s) => {
          const rules = [...readMatchingRules(s.data).values()].sort((a, b) => a.priorityOrder - b.priorityOrder);
          return card(
            nameOf(s),
            html`${keyValues([
                ['Source system id', html`<code>${s.id}</code>`],
                ['Vendor', String(s.data.vendor ?? '—')],
              ])}
              <h3>Matching rules</h3>
              ${table({
                head: ['Priority', 'Role group', 'Source identifier', 'Matches', 'Domain', 'Rule'],
                classes: ['num', null, null, null, null, null],
                empty: 'No matching rules: flows fed by this source system are not ready.',
                rows: rules.map((r) => [
                  r.priorityOrder,
                  String(groups.get(r.roleGroupId)?.data.displayName ?? r.roleGroupId),
                  html`<code>${r.sourceIdentifier}</code>`,
                  html`<code>${r.matchTarget}</code>`,
                  r.domainName ?? html`<span class="muted">—</span>`,
                  html`<span class="reason">${describeRule(r)}</span>`,
                ]),
              })}`,
          );
        })
      : html`<p class="empty">No source systems yet.</p>`;
    return sendPage(req, reply, {
      title: 'Source systems',
      subtitle: 'How roster people are matched to directory accounts, per role group.',
      section: 'sources',
      body,
    });
  });
}
