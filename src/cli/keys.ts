// `npm run keys -- rotate`: appends a new register encryption key. New orders use it; submissions
// sealed to older keys still open. Restart the register endpoint afterwards.
import { readConfig } from '../server/config.js';
import { rotateEncryptionKey } from '../server/keys.js';

const [command] = process.argv.slice(2);
if (command !== 'rotate') {
  process.stderr.write('Usage: npm run keys -- rotate   (uses DATA_DIR or REGISTER_KEYS_FILE like the server)\n');
  process.exitCode = 2;
} else {
  const config = readConfig(process.env);
  const kid = await rotateEncryptionKey(config.dataDir, config.keysFile);
  process.stdout.write(`New encryption key ${kid}: new orders use it once the register endpoint restarts.\n`);
}
