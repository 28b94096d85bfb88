import type { FastifyInstance } from 'fastify';
import { searchAccounts } from '../../directory/embedded/account-search.js';
import type { ConsoleDeps } from '../deps.js';
import { pageNumber, queryOf, sendPage } from '../http.js';
import { html } from '../html.js';
import { badge, card, count, flash, pager, table } from '../views/components.js';

const PAGE_SIZE = 50;

/** `/console/accounts`: the embedded directory's accounts, searchable and paged, with the person each is linked to. */
export function registerAccounts(scope: FastifyInstance, deps: ConsoleDeps): void {
  scope.get('/accounts', async (req, reply) => {
    if (!deps.accounts) {
      return sendPage(req, reply, {
        title: 'Directory accounts',
        section: 'accounts',
        body: flash('info', 'Runs write to an external directory; browse its accounts with that directory’s tools.'),
      });
    }
    const q = queryOf(req);
    const text = (q.q ?? '').slice(0, 200);
    const page = pageNumber(q.page);
    const { accounts, total } = await searchAccounts(deps.accounts, {
      text,
      offset: (page - 1) * PAGE_SIZE,
      limit: PAGE_SIZE,
    });
    const owners = await deps.links.ownersOf(accounts.map((a) => a.id));
    const skus = new Map((await deps.accounts.subscribedSkus()).map((s) => [s.skuId, s.skuPartNumber]));
    const href = (p: number) =>
      `/console/accounts?${new URLSearchParams({ ...(text ? { q: text } : {}), page: String(p) })}`;
    const search = html`<form class="search" method="get" action="/console/accounts" role="search">
      <label class="visually-hidden" for="account-search">Search accounts</label>
      <input type="search" id="account-search" name="q" value="${text}" placeholder="UPN, mail, name or employee id" />
      <button type="submit">Search</button>
    </form>`;
    const body = card(
      text
        ? html`${count(total)} ${total === 1 ? 'account matches' : 'accounts match'} “${text}”`
        : html`${count(total)} ${total === 1 ? 'account' : 'accounts'}`,
      html`${search}
      ${table({
        head: ['User principal name', 'Display name', 'Mail', 'Enabled', 'Licences', 'Linked person'],
        empty: text ? 'No account matches.' : 'The directory has no accounts yet.',
        rows: accounts.map((a) => [
          html`<code>${a.userPrincipalName}</code>`,
          a.displayName,
          a.mail ?? '—',
          badge(a.accountEnabled ? 'enabled' : 'disabled'),
          a.assignedLicenses.length
            ? a.assignedLicenses.map((l) => skus.get(l.skuId) ?? l.skuId).join(', ')
            : html`<span class="muted">none</span>`,
          owners.get(a.id) ? html`<code>${owners.get(a.id)}</code>` : html`<span class="muted">—</span>`,
        ]),
      })}
      ${pager({ page, pageSize: PAGE_SIZE, total, href })}`,
    );
    return sendPage(req, reply, { title: 'Directory accounts', section: 'accounts', body });
  });
}
