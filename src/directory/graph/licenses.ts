import type { GraphHttp } from './client.js';
import { toDirectoryError } from './graph-errors.js';
import { isGuid } from './mapping.js';

/**
 * The tenant's licence SKUs (`GET /subscribedSkus`), read once and again only when a SKU is asked for that the
 * cached list does not know (one bought after the first read). Resolves `skuPartNumber` (any case) and `skuId`.
 */
export class SkuCatalog {
  private byRef?: Map<string, string>;

  constructor(private readonly http: GraphHttp) {}

  /** Each reference's skuId, or undefined for one the tenant does not have. */
  async resolve(refs: readonly string[]): Promise<Map<string, string | undefined>> {
    if (!this.byRef || refs.some((r) => !this.byRef!.has(r.toLowerCase()))) this.byRef = await this.load();
    const catalog = this.byRef;
    return new Map(refs.map((r) => [r, catalog.get(r.toLowerCase())]));
  }

  private async load(): Promise<Map<string, string>> {
    const answer = await this.http.get(`/subscribedSkus?$select=skuId,skuPartNumber`);
    if (answer.status !== 200) throw toDirectoryError(answer);
    const skus = (answer.body as { value?: { skuId?: unknown; skuPartNumber?: unknown }[] } | null)?.value ?? [];
    const out = new Map<string, string>();
    for (const sku of skus) {
      if (typeof sku.skuId !== 'string' || !isGuid(sku.skuId)) continue;
      out.set(sku.skuId.toLowerCase(), sku.skuId);
      if (typeof sku.skuPartNumber === 'string') out.set(sku.skuPartNumber.toLowerCase(), sku.skuId);
    }
    return out;
  }
}
