#!/usr/bin/env bash
# Every test: types, lint and format, the shipped questionnaires, unit and component tests, the production
# build, and browser tests in chromium. Run by `npm test` (and by CI after `npm ci`).
set -euo pipefail
cd "$(dirname "$0")/.."

reports=$(mktemp -d)
trap 'rm -rf "$reports"' EXIT
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "Chromium for the browser tests"
npx tsx test/browser/ensure-chromium.ts

step "Type check, a config per layer (core: neither DOM nor Node; app and device: DOM, no Node; server and cli: Node, no DOM), the service worker, tests and tools, the benchmarks"
npm run --silent typecheck

step "Lint (type-aware) and format"
npx eslint .
npx prettier --check . --log-level warn

step "Questionnaire definitions"
npx tsx src/cli/main.ts check
npx tsx src/cli/main.ts schema --check

step "Unit, storage and component tests"
npx vitest run --reporter=default --reporter=json --outputFile.json="$reports/unit.json"

step "Production build"
npx vite build --logLevel warn

step "Browser tests (chromium)"
npx vitest run -c vitest.browser.config.ts --reporter=default --reporter=json --outputFile.json="$reports/browser.json"

node -e '
  const fs = require("node:fs");
  let passed = 0, failed = 0, skipped = 0;
  for (const file of process.argv.slice(1)) {
    const r = JSON.parse(fs.readFileSync(file, "utf8"));
    passed += r.numPassedTests; failed += r.numFailedTests; skipped += r.numPendingTests + r.numTodoTests;
  }
  console.log(`\ntests: ${passed} passed, ${failed} failed` + (skipped ? `, ${skipped} skipped` : ""));
' "$reports/unit.json" "$reports/browser.json"
