// npm start: the register endpoint with its embedded store, serving the app and the API.
import path from 'node:path';
import { readConfig } from './config.js';
import { OrderIdTaken } from './register.js';
import { startRegister } from './start.js';

const demoOrderId = 'demo-order';

async function main() {
  const config = readConfig(process.env, process.argv.slice(2));
  const { app, register, newStaffToken, warnings } = await startRegister(config);
  const shutdown = () => void app.close().then(() => process.exit(0));
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  await app.listen({ port: config.port, host: config.host });

  const lines = [`The register endpoint is running: open ${config.publicUrl}/`, `Data folder: ${config.dataDir}`];
  if (warnings.length) lines.push('', 'Warnings:', ...warnings.map((warning) => `  ${warning}`));
  if (newStaffToken) {
    // The staff command line looks in ./data and at http://localhost:8080 unless told otherwise.
    const flags = [
      ...(config.publicUrl === 'http://127.0.0.1:8080' || config.publicUrl === 'http://localhost:8080'
        ? []
        : [`--url ${config.publicUrl}`]),
      ...(config.dataDir === path.resolve('data') ? [] : [`--data-dir ${config.dataDir}`]),
    ];
    lines.push(
      '',
      `Staff token (shown this once; also saved in ${path.join(config.dataDir, 'staff-token')}):`,
      `  ${newStaffToken}`,
      `  The staff command line finds it there: npm run order -- list${flags.map((f) => ` ${f}`).join('')}`,
    );
  }
  if ((await register.listOrders()).length === 0) {
    const validUntil = new Date(Date.now() + 30 * 24 * 3600_000).toISOString();
    try {
      // One fixed id: instances starting together on an empty database make one demo order, not one each.
      const demo = await register.createOrder(
        { patientRef: 'demo-patient', questionnaires: ['demo-wellbeing@1'], measurementPoint: 'basis', validUntil },
        { id: demoOrderId },
      );
      lines.push(
        '',
        'A demo order for trying it out (valid 30 days):',
        `  Patient's link: ${demo.link}`,
        `  Access code:    ${demo.accessCode}`,
      );
    } catch (error) {
      if (error instanceof OrderIdTaken)
        lines.push('', 'The demo order was made by another instance starting at the same time; its log shows the code.');
      else lines.push('', `No demo order: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  console.log(`\n  ${lines.join('\n  ')}\n\n  Stop it with Ctrl+C.\n`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
