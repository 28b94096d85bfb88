import type { EntityQueryModel } from './model.js';

/** Entity model shared by the tests of this folder. */
export const TYPE_NAME = 'microsoft.graph.industryData.outboundProvisioningFlowSet';

export const model: EntityQueryModel = {
  typeName: TYPE_NAME,
  properties: {
    id: 'string',
    displayName: 'string',
    status: 'enum',
    priority: 'int',
    isActive: 'boolean',
    createdDateTime: 'dateTimeOffset',
    tenantId: 'guid',
    settings: {
      typeName: 'microsoft.graph.industryData.flowSettings',
      complex: {
        region: 'string',
        level: 'int',
        window: { complex: { start: 'dateTimeOffset' } },
      },
    },
    tags: { collection: 'string' },
  },
};
