// The command line for register staff: `npm run questionnaires -- <command>`; see args.ts for usage.
import { fileURLToPath } from 'node:url';
import { run } from './run.js';

process.exitCode = run(process.argv.slice(2), {
  root: fileURLToPath(new URL('../..', import.meta.url)),
  cwd: process.cwd(),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
