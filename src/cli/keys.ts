// `npm run keys -- rotate|list`: the register's keys, in the data folder (or REGISTER_KEYS_FILE),
// as the server reads them. Rotating appends a new encryption key: new orders use it once the
// register endpoint restarts; submissions sealed to older keys still open. Keys are never printed.
import { pathToFileURL } from 'node:url';
import { readConfig } from '../server/config.js';
import { describeKeys, rotateEncryptionKey } from '../server/keys.js';

export const keysUsage = `Usage: npm run keys -- <command> [--data-dir DIR]

Commands:
  rotate   add a new encryption key; restart the register endpoint so new orders use it
  list     show the key ids and when each was made

The keys are read from DATA_DIR/keys.json (default ./data), or from REGISTER_KEYS_FILE.
`;

export async function runKeysCli(
  argv: string[],
  env: NodeJS.ProcessEnv,
  out: (text: string) => void,
  err: (text: string) => void,
): Promise<number> {
  const [command, ...rest] = argv;
  let config;
  try {
    config = readConfig(env, rest);
  } catch (error) {
    err(`${error instanceof Error ? error.message : String(error)}\n\n${keysUsage}`);
    return 2;
  }
  try {
    if (command === 'rotate') {
      const kid = await rotateEncryptionKey(config.dataDir, config.keysFile);
      out(
        `New encryption key ${kid}: restart the register endpoint, and new orders use it.\nSubmissions sealed to older keys still open.\n`,
      );
      return 0;
    }
    if (command === 'list') {
      const { encryption, receipt } = describeKeys(config.dataDir, config.keysFile);
      encryption.forEach(({ kid, createdAt }, index) =>
        out(`encryption  ${kid}  made ${createdAt}${index === encryption.length - 1 ? '  (new orders use this one)' : ''}\n`),
      );
      out(`receipt     ${receipt.kid}  made ${receipt.createdAt}\n`);
      return 0;
    }
  } catch (error) {
    const reason =
      (error as { code?: unknown }).code === 'ENOENT'
        ? 'there are no keys there yet: start the register endpoint once to make them'
        : error instanceof Error
          ? error.message
          : String(error);
    err(`Error: ${reason}\n`);
    return 1;
  }
  err(`${command ? `unknown command "${command}"` : 'a command is missing'}\n\n${keysUsage}`);
  return 2;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await runKeysCli(
    process.argv.slice(2),
    process.env,
    (text) => process.stdout.write(text),
    (text) => process.stderr.write(text),
  );
}
