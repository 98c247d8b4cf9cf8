// Finds the chromium that browser tests drive: $CHROMIUM_PATH, then the usual places. On a Debian
// machine where the tests run as root and none is found, installs Debian's chromium package.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const candidates = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/snap/bin/chromium',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/google-chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];

function findInstalled(): string | null {
  const fromEnv = process.env.CHROMIUM_PATH ?? process.env.CHROME_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH points to ${fromEnv}, which does not exist.`);
    return fromEnv;
  }
  return candidates.find((path) => existsSync(path)) ?? null;
}

function canInstallWithApt(): boolean {
  return process.platform === 'linux' && process.getuid?.() === 0 && existsSync('/etc/debian_version') && existsSync('/usr/bin/apt-get');
}

export function findChromium(): string {
  const found = findInstalled();
  if (found) return found;
  if (canInstallWithApt()) {
    console.log("chromium is missing: installing Debian's chromium package (apt-get install chromium) …");
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium', 'fonts-dejavu-core'], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    const installed = findInstalled();
    if (installed) return installed;
  }
  throw new Error(
    'The browser tests need Chromium and none was found. Install it (on Debian or Ubuntu: "sudo apt-get install chromium"; ' +
      'on macOS: "brew install --cask chromium"), or set CHROMIUM_PATH to a Chromium or Chrome executable.',
  );
}

/** Flags for a quiet headless chromium on a machine with no network beyond loopback. */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-dev-shm-usage',
];
