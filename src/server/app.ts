// The HTTP server: the register API, and the built PWA with strict security headers.
import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import type { LogLevel, TrustProxy } from './config.js';
import { ApiFailure, installErrorHandler, sendFailure } from './errors.js';
import type { Register } from './register.js';
import { fhirRoutes } from './fhir-routes.js';
import { registerRoutes } from './routes.js';
import type { RegisterStore } from './store/store.js';
import { ApiError, type ParsedDefinition } from '../core/index.js';

export interface ServerOptions {
  appDir: string;
  logLevel: LogLevel;
  register: Register;
  store: RegisterStore;
  staffToken: string;
  /** Send Strict-Transport-Security (when the app is served over https). */
  isHttps?: boolean;
  /** Whom to believe about client addresses (X-Forwarded-For); nobody by default. */
  trustProxy?: TrustProxy;
  /** Where log lines go; standard output by default. */
  logStream?: NodeJS.WritableStream;
  /** The definitions loaded from the questionnaires folder, by id@version (for FHIR export of those no order has used yet). */
  definitions?: ReadonlyMap<string, ParsedDefinition>;
}

/** No inline scripts, nothing from other origins: the app talks only to this server. */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Files whose name carries no content hash must be revalidated, or a new version would never arrive. */
function cacheControlFor(filePath: string): string {
  const name = path.basename(filePath);
  if (filePath.includes(`${path.sep}assets${path.sep}`)) return 'public, max-age=31536000, immutable';
  if (name === 'sw.js' || name.endsWith('.html') || name.endsWith('.webmanifest') || name.endsWith('.json')) return 'no-cache';
  return 'public, max-age=3600';
}

export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  if (!existsSync(path.join(options.appDir, 'index.html')))
    throw new Error(`No built app in ${options.appDir}: run "npm run build" first (npm start does it for you).`);
  const app = Fastify({
    logger: {
      level: options.logLevel,
      // Never answers, access codes, tokens or keys: bodies are not logged, and these headers are hidden.
      redact: ['req.headers.authorization', 'req.headers.cookie'],
      ...(options.logStream ? { stream: options.logStream } : {}),
    },
    // Request lines only when debugging; URLs carry no secrets (codes travel in the fragment) but need not be kept.
    logController: new LogController({ disableRequestLogging: options.logLevel !== 'debug' && options.logLevel !== 'trace' }),
    bodyLimit: 512 * 1024,
    trustProxy: options.trustProxy ?? false,
  });
  app.removeContentTypeParser('text/plain');
  installErrorHandler(app);

  app.addHook('onSend', async (_request, reply) => {
    reply.header('Content-Security-Policy', contentSecurityPolicy);
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'no-referrer');
    reply.header('X-Frame-Options', 'DENY');
    reply.header('Cross-Origin-Opener-Policy', 'same-origin');
    reply.header('Cross-Origin-Resource-Policy', 'same-origin');
    reply.header('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=()');
    if (options.isHttps) reply.header('Strict-Transport-Security', 'max-age=31536000');
  });

  await registerRoutes(app, options);
  await app.register(fhirRoutes, {
    register: options.register,
    store: options.store,
    staffToken: options.staffToken,
    ...(options.definitions ? { definitions: options.definitions } : {}),
  });

  await app.register(fastifyStatic, {
    root: options.appDir,
    // Files are looked up per request, so a questionnaire added to the build is served without a restart.
    wildcard: true,
    index: ['index.html'],
    // The build writes .br and .gz beside each hashed asset (scripts/precompress-plugin.ts).
    preCompressed: true,
    setHeaders: (reply, filePath) => {
      reply.header('Cache-Control', cacheControlFor(filePath));
    },
  });

  // Any other page is the single-page app; unknown API paths and missing files are real 404s.
  app.setNotFoundHandler((request, reply) => {
    const isPage = request.method === 'GET' && !request.url.startsWith('/api/') && !path.extname(request.url.split('?')[0] ?? '');
    if (isPage) return reply.header('Cache-Control', 'no-cache').sendFile('index.html');
    return sendFailure(reply, new ApiFailure(ApiError.notFound, 'There is nothing here'));
  });
  return app;
}
