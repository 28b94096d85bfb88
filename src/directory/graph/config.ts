import { ClientCertificateCredential, ClientSecretCredential } from '@azure/identity';
import { DirectoryError } from '../errors.js';
import { requireSecret } from '../secrets.js';
import { credentialTokenSource, type TokenSource } from './client.js';
import { DEFAULT_PROPERTY_NAMES, type GraphPropertyNames } from './mapping.js';
import { GRAPH_WRITE_LIMITS, parseLimits, type WriteLimits } from './write-budget.js';

/** What the Graph adapter needs at run time (secrets already turned into a token source). */
export interface GraphDirectoryOptions {
  /** `https://graph.microsoft.com` (default) or rosterlink's own server, e.g. `http://127.0.0.1:8080`. */
  baseUrl?: string;
  /** API version segment (default `v1.0`). */
  version?: string;
  tokens: TokenSource;
  /** Where the anchor, grade, student number and contacts live (defaults: SDS's extension names). */
  properties?: Partial<GraphPropertyNames>;
  /** Write limits to pace creates and updates under (default: Graph's published limits). */
  limits?: WriteLimits;
  /** Writes that may catch up at once after a quiet spell (default 10 % of the tightest limit, at least 20). */
  burst?: number;
  /** `$batch` envelopes in flight (default 4). */
  concurrency?: number;
  /** Requests per `$batch` (default and maximum 20). */
  batchSize?: number;
  /** Attempts per request for 429/503/504 before giving up with Throttled/Unavailable (default 8). */
  maxAttempts?: number;
  /** Backoff base without Retry-After (default 1000 ms). */
  backoffMs?: number;
}

/** The `directory.graph` section of a rosterlink config file. Secrets are never in it: see `readGraphConfig`. */
export interface GraphTargetConfig {
  baseUrl?: string;
  version?: string;
  /**
   * `clientSecret`: app registration + `ROSTERLINK_GRAPH_CLIENT_SECRET` (or `_FILE`).
   * `certificate`: app registration + `certificatePath` (PEM with the private key).
   * `accessToken`: a ready bearer token from `ROSTERLINK_GRAPH_ACCESS_TOKEN` (or `_FILE`), e.g. a `rosterlink token`
   * for rosterlink's own /v1.0.
   */
  auth?: 'clientSecret' | 'certificate' | 'accessToken';
  tenantId?: string;
  clientId?: string;
  certificatePath?: string;
  /** Entra authority for sovereign clouds, e.g. `https://login.microsoftonline.us`. */
  authorityHost?: string;
  /** OAuth scope (default `https://graph.microsoft.com/.default`). */
  scope?: string;
  properties?: Partial<GraphPropertyNames>;
  /** `3000/150,18000/300` (per app+tenant, per tenant) or the object form. */
  writeLimits?: string | WriteLimits;
  concurrency?: number;
  maxAttempts?: number;
}

const fail = (field: string, message: string) =>
  new DirectoryError('InvalidConfig', `directory.graph.${field}: ${message}`);

/** Validates the config section and builds the credential; field errors name the field. */
export function readGraphConfig(
  config: GraphTargetConfig,
  env: NodeJS.ProcessEnv = process.env,
): GraphDirectoryOptions {
  const baseUrl = config.baseUrl ?? 'https://graph.microsoft.com';
  try {
    const url = new URL(baseUrl);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('not http(s)');
  } catch {
    throw fail('baseUrl', `'${baseUrl}' is not an http(s) URL`);
  }
  const auth = config.auth ?? (config.certificatePath ? 'certificate' : 'clientSecret');
  let limits: WriteLimits = GRAPH_WRITE_LIMITS;
  try {
    if (typeof config.writeLimits === 'string') limits = parseLimits(config.writeLimits);
    else if (config.writeLimits) limits = config.writeLimits;
  } catch (err) {
    throw fail('writeLimits', (err as Error).message);
  }
  for (const [field, value] of Object.entries(config.properties ?? {})) {
    if (value !== null && (typeof value !== 'string' || value === '')) throw fail(`properties.${field}`, 'not a name');
  }
  return {
    baseUrl,
    version: config.version ?? 'v1.0',
    tokens: tokenSource(auth, config, env),
    properties: { ...DEFAULT_PROPERTY_NAMES, ...config.properties },
    limits,
    concurrency: positive('concurrency', config.concurrency),
    maxAttempts: positive('maxAttempts', config.maxAttempts),
  };
}

function positive(field: string, value: number | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || value < 1) throw fail(field, 'must be a positive integer');
  return value;
}

function tokenSource(auth: string, config: GraphTargetConfig, env: NodeJS.ProcessEnv): TokenSource {
  if (auth === 'accessToken') {
    const token = requireSecret('ROSTERLINK_GRAPH_ACCESS_TOKEN', 'directory.graph.auth = accessToken', env);
    return async () => token;
  }
  const GUIDISH = /^[0-9a-zA-Z.-]+$/;
  if (!config.tenantId || !GUIDISH.test(config.tenantId)) throw fail('tenantId', 'required (directory tenant id)');
  if (!config.clientId || !GUIDISH.test(config.clientId)) throw fail('clientId', 'required (application id)');
  const scopes = [config.scope ?? 'https://graph.microsoft.com/.default'];
  const options = config.authorityHost ? { authorityHost: config.authorityHost } : {};
  if (auth === 'certificate') {
    if (!config.certificatePath) throw fail('certificatePath', 'required with auth = certificate');
    const credential = new ClientCertificateCredential(
      config.tenantId,
      config.clientId,
      { certificatePath: config.certificatePath },
      options,
    );
    return credentialTokenSource(credential, scopes);
  }
  if (auth !== 'clientSecret') throw fail('auth', `'${auth}' is not one of clientSecret, certificate, accessToken`);
  const secret = requireSecret('ROSTERLINK_GRAPH_CLIENT_SECRET', 'directory.graph.auth = clientSecret', env);
  return credentialTokenSource(new ClientSecretCredential(config.tenantId, config.clientId, secret, options), scopes);
}
