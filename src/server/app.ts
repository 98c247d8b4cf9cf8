// The HTTP server: serves the built PWA (and, in time, the register API).
import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import type { ServerConfig } from './config.js';

/** Files whose name carries no content hash must be revalidated, or a new version would never arrive. */
function cacheControlFor(filePath: string): string {
  const name = path.basename(filePath);
  if (filePath.includes(`${path.sep}assets${path.sep}`)) return 'public, max-age=31536000, immutable';
  if (name === 'sw.js' || name.endsWith('.html') || name.endsWith('.webmanifest') || name.endsWith('.json'))
    return 'no-cache';
  return 'public, max-age=3600';
}

export async function buildServer(config: Pick<ServerConfig, 'appDir' | 'logLevel'>): Promise<FastifyInstance> {
  if (!existsSync(path.join(config.appDir, 'index.html')))
    throw new Error(`No built app in ${config.appDir}: run "npm run build" first (npm start does it for you).`);
  const app = Fastify({
    logger: { level: config.logLevel, redact: ['req.headers.authorization', 'req.headers.cookie'] },
    // Request lines are logged only when debugging; they never carry answers or access codes either way.
    logController: new LogController({ disableRequestLogging: config.logLevel !== 'debug' && config.logLevel !== 'trace' }),
  });

  app.addHook('onSend', async (_request, reply) => {
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'no-referrer');
    reply.header('X-Frame-Options', 'DENY');
  });

  app.get('/api/health', async () => ({ status: 'ok' }));

  await app.register(fastifyStatic, {
    root: config.appDir,
    // Files are looked up per request, so a questionnaire added to the build is served without a restart.
    wildcard: true,
    index: ['index.html'],
    setHeaders: (reply, filePath) => reply.header('Cache-Control', cacheControlFor(filePath)),
  });

  // Any other page is the single-page app; unknown API paths and missing files are real 404s.
  app.setNotFoundHandler((request, reply) => {
    const isPage = request.method === 'GET' && !request.url.startsWith('/api/') && !path.extname(request.url.split('?')[0] ?? '');
    if (isPage) return reply.header('Cache-Control', 'no-cache').sendFile('index.html');
    return reply.code(404).send({ error: 'notFound' });
  });
  return app;
}
