// The service account's token (the staff token of the command line and integrations): from
// STAFF_TOKEN, or from the file staff-token in the data folder, made on the first start. The file
// can be rotated while the register runs (`npm run register -- staff-token rotate`): the register
// reads it again when it changes, and the old token stops working.
import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import path from 'node:path';

export const staffTokenFile = (dataDir: string) => path.join(dataDir, 'staff-token');

const newToken = () => randomBytes(32).toString('base64url');

function readToken(file: string): string {
  const token = readFileSync(file, 'utf8').trim();
  if (token.length < 24) throw new Error(`${file} holds no usable staff token (at least 24 characters): delete it to have a new one made.`);
  return token;
}

/** The token to start with, making the file on a first start. */
export function staffTokenFor(config: { staffToken: string | undefined; dataDir: string }): { token: string; isNew: boolean } {
  if (config.staffToken) return { token: config.staffToken, isNew: false };
  const file = staffTokenFile(config.dataDir);
  if (existsSync(file)) return { token: readToken(file), isNew: false };
  const token = newToken();
  const fd = openSync(file, 'wx', 0o600);
  try {
    writeSync(fd, token + '\n');
  } finally {
    closeSync(fd);
  }
  chmodSync(file, 0o600);
  return { token, isNew: true };
}

/** The token as it is now: STAFF_TOKEN, or the file, read again when it has changed. */
export function serviceTokenReader(config: { staffToken: string | undefined; dataDir: string }, initial: string): () => string {
  if (config.staffToken) return () => initial;
  const file = staffTokenFile(config.dataDir);
  let token = initial;
  // A rotation renames a new file into place: a new inode, whatever the clock's resolution.
  const version = () => {
    const stat = statSync(file);
    return `${stat.ino}:${stat.mtimeMs}`;
  };
  let seen = existsSync(file) ? version() : '';
  return () => {
    try {
      const changed = version();
      if (changed !== seen) {
        token = readToken(file);
        seen = changed;
      }
    } catch {
      // The file gone or half-written: keep the token in use rather than lock everyone out.
    }
    return token;
  };
}

/** Writes a new token beside the old file and renames it into place; the register takes it up at once. */
export function rotateStaffToken(dataDir: string): string {
  const file = staffTokenFile(dataDir);
  const temporary = `${file}.${process.pid}.tmp`;
  const token = newToken();
  const fd = openSync(temporary, 'wx', 0o600);
  try {
    writeSync(fd, token + '\n');
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
  return token;
}
