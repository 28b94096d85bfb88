import type { DirectoryService, Sku } from '../../../directory/embedded/index.js';
import { parseQueryOptions, selectProperties, type EntityQueryModel, type RawQuery } from '../../odata/index.js';
import { PERMISSIONS } from '../../permissions.js';
import type { GraphContext } from '../graph-context.js';
import { directoryHandler } from './directory-errors.js';

/** The tenant part of a subscribedSku id (`{tenantId}_{skuId}` on Graph); local tokens use the same `tid`. */
const TENANT = 'rosterlink';

const SKU_MODEL: EntityQueryModel = {
  typeName: 'microsoft.graph.subscribedSku',
  properties: {
    accountId: 'string',
    accountName: 'string',
    appliesTo: 'string',
    capabilityStatus: 'string',
    consumedUnits: 'int',
    id: 'string',
    prepaidUnits: { complex: { enabled: 'int', lockedOut: 'int', suspended: 'int', warning: 'int' } },
    servicePlans: { collection: { complex: {} } },
    skuId: 'guid',
    skuPartNumber: 'string',
    subscriptionIds: { collection: 'string' },
  },
};

function skuToWire(sku: Sku): Record<string, unknown> {
  return {
    accountId: TENANT,
    accountName: TENANT,
    appliesTo: 'User',
    capabilityStatus: 'Enabled',
    consumedUnits: sku.consumedUnits,
    id: `${TENANT}_${sku.skuId}`,
    prepaidUnits: { enabled: sku.enabledUnits, lockedOut: 0, suspended: 0, warning: 0 },
    servicePlans: [],
    skuId: sku.skuId,
    skuPartNumber: sku.skuPartNumber,
    subscriptionIds: [],
  };
}

/** GET /v1.0/subscribedSkus: the embedded directory's licence SKUs in Graph's shape (`$select` only). */
export function registerSubscribedSkus(ctx: GraphContext, service: DirectoryService, contextRoot: string): void {
  ctx.registrar('directory').add('/v1.0/subscribedSkus', {
    GET: {
      permissions: PERMISSIONS.directory.read,
      summary: 'List licence SKUs of the embedded directory',
      status: 200,
      collection: true,
      handler: directoryHandler(async (req) => {
        const { select } = parseQueryOptions(req.query as RawQuery, SKU_MODEL, { only: ['select'] });
        const value = (await service.subscribedSkus()).map(skuToWire);
        return {
          '@odata.context': `${contextRoot}/$metadata#subscribedSkus${select ? `(${select.join(',')})` : ''}`,
          value: select ? value.map((v) => selectProperties(v, select)) : value,
        };
      }),
    },
  });
}
