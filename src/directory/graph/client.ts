import type { TokenCredential } from '@azure/identity';
import {
  Client,
  HTTPMessageHandler,
  ResponseType,
  RetryHandler,
  RetryHandlerOptions,
  type Context,
  type Middleware,
} from '@microsoft/microsoft-graph-client';
import { DirectoryError } from '../errors.js';
import type { BatchTransport } from './batch-runner.js';
import type { GraphAnswer } from './graph-errors.js';

/** Gives a bearer token for each request (cached by the source). */
export type TokenSource = () => Promise<string>;

/** Error name the auth middleware gives token failures, so they are not mistaken for network failures. */
const TOKEN_ERROR = 'RosterlinkTokenError';

/** Tokens from an @azure/identity credential, cached until two minutes before they expire. */
export function credentialTokenSource(credential: TokenCredential, scopes: string[]): TokenSource {
  let cached: { token: string; expiresOnTimestamp: number } | null = null;
  return async () => {
    if (cached && cached.expiresOnTimestamp - Date.now() > 120_000) return cached.token;
    const token = await credential.getToken(scopes);
    if (!token) throw new Error('the credential returned no access token');
    cached = token;
    return token.token;
  };
}

/**
 * Adds `Authorization: Bearer …`. The Graph client's own auth handler sends tokens only to https Graph hosts, so
 * against rosterlink's local /v1.0 (plain http) the token would silently be left out; this middleware always sends it.
 */
class BearerMiddleware implements Middleware {
  private next?: Middleware;
  constructor(private readonly tokens: TokenSource) {}

  async execute(context: Context): Promise<void> {
    let token: string;
    try {
      token = await this.tokens();
    } catch (err) {
      const failure = new Error(`Could not get an access token: ${(err as Error).message}`);
      failure.name = TOKEN_ERROR;
      throw failure;
    }
    const init = (context.options ??= {});
    const headers = new Headers(init.headers as ConstructorParameters<typeof Headers>[0]);
    headers.set('Authorization', `Bearer ${token}`);
    init.headers = Object.fromEntries(headers.entries());
    return this.next!.execute(context);
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}

export interface GraphHttpOptions {
  /** e.g. `https://graph.microsoft.com` or `http://127.0.0.1:8080` (rosterlink's own /v1.0). */
  baseUrl: string;
  version: string;
  tokens: TokenSource;
  /** Retries of plain (non-`$batch`) requests; `$batch` envelopes are retried by the BatchRunner. */
  retry?: { delaySeconds: number; maxRetries: number };
}

export interface GraphHttp {
  client: Client;
  /** Sends a `$batch` envelope and returns its raw answer, whatever the status. */
  batch: BatchTransport;
  /** GET of a path under the version, through the SDK's retry handler (429/503/504 with Retry-After). */
  get(path: string): Promise<GraphAnswer>;
}

const NO_RETRY = () => new RetryHandlerOptions(0, 0);

/** The Graph client as rosterlink uses it: bearer middleware → RetryHandler → HTTPMessageHandler. */
export function createGraphHttp(options: GraphHttpOptions): GraphHttp {
  const auth = new BearerMiddleware(options.tokens);
  const retry = new RetryHandler(
    new RetryHandlerOptions(options.retry?.delaySeconds ?? 3, options.retry?.maxRetries ?? 3),
  );
  auth.setNext(retry);
  retry.setNext(new HTTPMessageHandler());
  const client = Client.initWithMiddleware({
    middleware: auth,
    baseUrl: options.baseUrl.replace(/\/+$/, '') + '/',
    defaultVersion: options.version,
  });
  const raw = async (send: () => Promise<Response>): Promise<GraphAnswer> => {
    let res: Response;
    try {
      res = await send();
    } catch (err) {
      if ((err as { code?: unknown }).code === TOKEN_ERROR || (err as Error).name === TOKEN_ERROR) {
        throw new DirectoryError('InvalidConfig', (err as Error).message);
      }
      throw err;
    }
    const text = await res.text();
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      body = { error: { code: 'InvalidResponse', message: text.slice(0, 200) } };
    }
    const headers: Record<string, string> = {};
    res.headers.forEach((value, name) => (headers[name.toLowerCase()] = value));
    return { status: res.status, headers, body };
  };
  return {
    client,
    batch: (requests) =>
      raw(() =>
        client.api('/$batch').responseType(ResponseType.RAW).middlewareOptions([NO_RETRY()]).post({ requests }),
      ),
    get: (path) => raw(() => client.api(path).responseType(ResponseType.RAW).get()),
  };
}
