import { readConfig } from './config.js';
import { buildServer } from './app.js';

async function main() {
  const config = readConfig();
  const app = await buildServer(config);
  const shutdown = () => {
    void app.close().then(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  console.log(`\n  The app is running: open http://${shownHost}:${port}/\n  Stop it with Ctrl+C.\n`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
