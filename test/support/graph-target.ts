import type { GraphEmulationOptions } from '../../src/api/graph/directory/index.js';
import { PERMISSIONS } from '../../src/api/permissions.js';
import { issueLocalToken } from '../../src/auth/local-tokens.js';
import { DirectoryService } from '../../src/directory/embedded/index.js';
import { GraphDirectory, type GraphDirectoryOptions } from '../../src/directory/graph/index.js';
import { openRuntime, startServer, type RunningServer, type Runtime } from '../../src/main.js';

/** A rosterlink server on a free port whose /v1.0 surface stands in for Microsoft Graph. */
export interface GraphTarget {
  url: string;
  runtime: Runtime;
  server: RunningServer;
  /** The server's embedded directory, for what an administrator does out of band (SKUs, deletes, inspection). */
  service: DirectoryService;
  /** An application token with the directory permissions (`roles`), as a client-credentials token would have. */
  token: string;
  /** A GraphDirectory pointed at this server. */
  directory(options?: Partial<GraphDirectoryOptions>): GraphDirectory;
  close(): Promise<void>;
}

export async function startGraphTarget(
  opts: { dbUrl?: string; emulation?: GraphEmulationOptions } = {},
): Promise<GraphTarget> {
  const runtime = await openRuntime(opts.dbUrl ?? 'sqlite::memory:');
  const server = await startServer({ runtime, port: 0, logger: false, emulation: opts.emulation });
  const token = await issueLocalToken(runtime.store, {
    permissions: [...PERMISSIONS.directory.write],
    app: true,
  });
  return {
    url: server.url,
    runtime,
    server,
    service: new DirectoryService(runtime.store),
    token,
    directory: (options = {}) => new GraphDirectory({ baseUrl: server.url, tokens: async () => token, ...options }),
    close: async () => {
      await server.close();
      await runtime.close();
    },
  };
}
