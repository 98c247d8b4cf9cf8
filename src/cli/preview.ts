// `preview`: a small local server for the app's staff preview page. It serves the built app, the
// definition file's text at /preview-file, and a server-sent event at /preview-events each time
// the file changes, so the page (#/preview?watch=1) reloads it. Nothing here talks to a register.
import { watch, type FSWatcher } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import Fastify from 'fastify';

export interface PreviewOptions {
  /** The definition file, absolute. */
  file: string;
  /** The built app (dist/). */
  appDir: string;
  /** 0 for a free port. */
  port: number;
}

export interface RunningPreview {
  /** The page to open: http://127.0.0.1:PORT/#/preview?watch=1 */
  url: string;
  close: () => Promise<void>;
}

export async function startPreview({ file, appDir, port }: PreviewOptions): Promise<RunningPreview> {
  // Open event streams would keep close() waiting: end every connection when stopping.
  const app = Fastify({ logger: false, forceCloseConnections: true });
  const listeners = new Set<(event: string) => void>();
  let changeCount = 0;
  let debounce: ReturnType<typeof setTimeout> | undefined;
  // The folder is watched, not the file: editors often save by writing a new file and renaming it.
  const watcher: FSWatcher = watch(path.dirname(file), (_event, name) => {
    if (name !== null && name.toString() !== path.basename(file)) return;
    clearTimeout(debounce);
    debounce = setTimeout(() => {
      changeCount++;
      for (const send of listeners) send(`event: change\ndata: ${changeCount}\n\n`);
    }, 100);
  });

  app.get('/preview-file', async (_request, reply) => {
    reply.header('Cache-Control', 'no-store').header('X-Preview-File', encodeURIComponent(path.basename(file)));
    try {
      return reply.type('text/plain; charset=utf-8').send(await readFile(file, 'utf8'));
    } catch (error) {
      return reply
        .code(404)
        .type('text/plain; charset=utf-8')
        .send(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
    }
  });

  app.get('/preview-events', (request, reply) => {
    reply.hijack();
    reply.raw.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    reply.raw.write(': watching\n\n');
    const send = (event: string) => reply.raw.write(event);
    const keepAlive = setInterval(() => reply.raw.write(': still watching\n\n'), 15_000);
    listeners.add(send);
    request.raw.on('close', () => {
      clearInterval(keepAlive);
      listeners.delete(send);
    });
  });

  await app.register(fastifyStatic, { root: appDir, wildcard: true, index: ['index.html'] });
  app.setNotFoundHandler((request, reply) =>
    request.url.startsWith('/api/')
      ? reply.code(404).send({ error: 'notFound', message: 'The preview has no register' })
      : reply.sendFile('index.html'),
  );

  await app.listen({ port, host: '127.0.0.1' });
  const address = app.server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  return {
    url: `http://127.0.0.1:${actualPort}/#/preview?watch=1`,
    close: async () => {
      clearTimeout(debounce);
      watcher.close();
      for (const send of listeners) send('event: closing\ndata: 0\n\n');
      listeners.clear();
      await app.close();
    },
  };
}
