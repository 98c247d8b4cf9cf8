// Configuration from the environment, read and checked once at start.
import path from 'node:path';
import { z } from 'zod';

const environment = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  APP_DIR: z.string().min(1).default('dist'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface ServerConfig {
  port: number;
  host: string;
  /** The built app (vite build), served as static files. */
  appDir: string;
  logLevel: z.infer<typeof environment>['LOG_LEVEL'];
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const result = environment.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('\n  ');
    throw new Error(`The server's configuration is not valid:\n  ${problems}`);
  }
  const { PORT, HOST, APP_DIR, LOG_LEVEL } = result.data;
  return { port: PORT, host: HOST, appDir: path.resolve(APP_DIR), logLevel: LOG_LEVEL };
}
