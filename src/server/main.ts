// npm start: the register endpoint with its embedded store, serving the app and the API.
import { readConfig } from './config.js';
import { makeDemoOrder, startMessage } from './start-message.js';
import { startRegister } from './start.js';

async function main() {
  const config = readConfig(process.env, process.argv.slice(2));
  const { app, register, newStaffToken, firstAdminLink, warnings } = await startRegister(config);
  const shutdown = () => void app.close().then(() => process.exit(0));
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  await app.listen({ port: config.port, host: config.host });
  const demo = await makeDemoOrder(config, register);
  // Secrets only to a terminal: a service's stdout ends in its logs.
  console.log(startMessage(config, { newStaffToken, firstAdminLink, warnings, demo }, process.stdout.isTTY === true));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
