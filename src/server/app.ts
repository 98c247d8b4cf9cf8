// The HTTP server: the register API, and the built PWA with strict security headers.
import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import Fastify, { LogController, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { LogLevel, TrustProxy } from './config.js';
import { ApiFailure, installErrorHandler, sendFailure } from './errors.js';
import type { Register } from './register.js';
import type { IndicatorFile } from '../core/indicators/index.js';
import { indicatorRoutes } from './indicator-routes.js';
import { fhirRoutes } from './fhir-routes.js';
import { messageRoutes } from './notify/stop-route.js';
import { registerRoutes } from './routes.js';
import type { StaffServices } from './staff-services.js';
import { staffRoutes } from './staff-routes.js';
import type { RegisterStore } from './store/store.js';
import { ApiError, type ParsedDefinition } from '../core/index.js';

export interface ServerOptions {
  appDir: string;
  logLevel: LogLevel;
  register: Register;
  store: RegisterStore;
  /** The staff side: authenticator, audit trail, session settings. */
  staff: StaffServices;
  /** Send Strict-Transport-Security (when the app is served over https). */
  isHttps?: boolean;
  /** Whom to believe about client addresses (X-Forwarded-For); nobody by default. */
  trustProxy?: TrustProxy;
  /** Where log lines go; standard output by default. */
  logStream?: NodeJS.WritableStream;
  /** The definitions loaded from the questionnaires folder, by id@version (for FHIR export of those no order has used yet). */
  definitions?: ReadonlyMap<string, ParsedDefinition>;
  /** The registers' quality indicators (questionnaires/indicators). */
  indicators?: readonly IndicatorFile[];
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

/** Whether a request is for the API, by its path as sent (a 404 under /api included). */
function isApiPath(url: string): boolean {
  const pathname = url.split('?')[0] ?? '';
  return pathname === '/api' || pathname.startsWith('/api/');
}

/**
 * Source maps carry the full sources: the build keeps them beside the bundles (for the size
 * benchmark and for reading a stack trace), but they are not the register's to hand out.
 */
const isServable = (pathname: string) => !/\.map$/i.test(pathname);

function setResponseHeaders(request: FastifyRequest, reply: FastifyReply, isHttps: boolean): void {
  // Health data must not be kept by a browser or a proxy: every API answer, refusals and 404s
  // included, and anything else that is not a file of the build (which sets its own caching).
  if (isApiPath(request.url) || !reply.hasHeader('Cache-Control')) reply.header('Cache-Control', 'no-store');
  reply.header('Content-Security-Policy', contentSecurityPolicy);
  reply.header('X-Content-Type-Options', 'nosniff');
  reply.header('Referrer-Policy', 'no-referrer');
  reply.header('X-Frame-Options', 'DENY');
  reply.header('Cross-Origin-Opener-Policy', 'same-origin');
  reply.header('Cross-Origin-Resource-Policy', 'same-origin');
  reply.header('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=()');
  if (isHttps) reply.header('Strict-Transport-Security', 'max-age=31536000');
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
    // A path the router cannot decode (a lone "%", overlong UTF-8) is refused in our shape and with
    // our headers: Fastify answers these before any hook runs.
    frameworkErrors: (error, request, reply) => {
      setResponseHeaders(request, reply, options.isHttps === true);
      const message = error.code === 'FST_ERR_BAD_URL' ? 'The request path is not valid' : 'The request is not valid';
      void sendFailure(reply, new ApiFailure(ApiError.badRequest, message));
    },
  });
  app.removeContentTypeParser('text/plain');
  installErrorHandler(app);

  app.addHook('onSend', async (request, reply) => setResponseHeaders(request, reply, options.isHttps === true));

  app.decorateRequest('staff', undefined);
  await registerRoutes(app, options);
  await app.register(staffRoutes, { store: options.store, staff: options.staff });
  await app.register(fhirRoutes, {
    register: options.register,
    store: options.store,
    staff: options.staff,
    ...(options.definitions ? { definitions: options.definitions } : {}),
  });

  await app.register(messageRoutes, { store: options.store });
  await app.register(indicatorRoutes, { store: options.store, staff: options.staff, indicators: options.indicators ?? [] });

  await app.register(fastifyStatic, {
    root: options.appDir,
    // Files are looked up per request, so a questionnaire added to the build is served without a restart.
    wildcard: true,
    index: ['index.html'],
    // The build writes .br and .gz beside each hashed asset (scripts/precompress-plugin.ts).
    preCompressed: true,
    allowedPath: isServable,
    setHeaders: (reply, filePath) => {
      reply.header('Cache-Control', cacheControlFor(filePath));
    },
  });

  // Any other page is the single-page app (under /staff, the staff console's page); unknown API
  // paths and missing files are real 404s.
  app.setNotFoundHandler((request, reply) => {
    const pathname = request.url.split('?')[0] ?? '';
    const isPage = request.method === 'GET' && !request.url.startsWith('/api/') && !path.extname(pathname);
    const page = pathname === '/staff' || pathname.startsWith('/staff/') ? 'staff/index.html' : 'index.html';
    if (isPage) return reply.header('Cache-Control', 'no-cache').sendFile(page);
    return sendFailure(reply, new ApiFailure(ApiError.notFound, 'There is nothing here'));
  });
  return app;
}
