import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { FastifyInstance } from 'fastify';

/**
 * The console's two static files, read once at start: htmx from node_modules (no CDN, no build step) and the
 * stylesheet beside this module. Public, so the sign-in pages are styled too.
 */
export function registerAssets(scope: FastifyInstance): void {
  const require = createRequire(import.meta.url);
  const files: Record<string, { type: string; body: Buffer }> = {
    'htmx.min.js': {
      type: 'text/javascript; charset=utf-8',
      body: fs.readFileSync(require.resolve('htmx.org/dist/htmx.min.js')),
    },
    'console.css': {
      type: 'text/css; charset=utf-8',
      body: fs.readFileSync(new URL('./assets/console.css', import.meta.url)),
    },
  };
  scope.get<{ Params: { name: string } }>('/assets/:name', { config: { consolePublic: true } }, async (req, reply) => {
    const file = Object.hasOwn(files, req.params.name) ? files[req.params.name] : undefined;
    if (!file) return reply.code(404).type('text/plain; charset=utf-8').send('Not found');
    return reply.header('cache-control', 'public, max-age=3600').type(file.type).send(file.body);
  });
}
