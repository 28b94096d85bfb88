export { GraphDirectory } from './adapter.js';
export { readGraphConfig, type GraphDirectoryOptions, type GraphTargetConfig } from './config.js';
export { createGraphHttp, credentialTokenSource, type GraphHttp, type TokenSource } from './client.js';
export {
  DEFAULT_PROPERTY_NAMES,
  SDS_EXTENSION_PREFIX,
  fromGraphUser,
  toCreateBody,
  toGraphProperties,
  type GraphPropertyNames,
} from './mapping.js';
export {
  GRAPH_WRITE_LIMITS,
  WriteBudget,
  allowedRate,
  parseLimits,
  scaleLimits,
  type WriteLimit,
  type WriteLimits,
} from './write-budget.js';
