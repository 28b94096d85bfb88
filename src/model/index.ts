import { TypeRegistry } from './edm.js';
import { inboundTypes } from './inbound-types.js';
import { industryDataEnums } from './industry-data-enums.js';
import { outboundTypes } from './outbound-types.js';
import { referenceTypes } from './reference-types.js';
import { runTypes } from './run-types.js';

export * from './edm.js';

/** Every type the server knows, for resolving `@odata.type` and generating $metadata. */
export const registry = new TypeRegistry().add(
  ...industryDataEnums,
  ...outboundTypes,
  ...referenceTypes,
  ...inboundTypes,
  ...runTypes,
);
