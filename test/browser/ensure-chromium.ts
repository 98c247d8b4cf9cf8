// Run before the browser tests: finds chromium, installing Debian's package where that is possible.
import { findChromium } from './chromium.js';

try {
  console.log(`Browser tests use ${findChromium()}`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
