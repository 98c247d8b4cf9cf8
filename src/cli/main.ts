// The command line for register staff: `npm run questionnaires -- <command>`; see args.ts for usage.
import { fileURLToPath } from 'node:url';
import { run } from './run.js';

const status = run(process.argv.slice(2), {
  root: fileURLToPath(new URL('../..', import.meta.url)),
  cwd: process.cwd(),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
if (typeof status === 'number') process.exitCode = status;
else
  void status.then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
