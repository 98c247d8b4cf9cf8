// `npm run reliability`: the abuse, hardening, guessing, property and fault suites with long property runs
// (RELIABILITY=long), then reliability/report.json and reliability/report.md from what they tried.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ACCESS_CODE_BITS } from '../src/core/access-code.js';
import type { TallyEvent } from '../test/reliability-tally.js';

const root = path.resolve(import.meta.dirname, '..');
const work = mkdtempSync(path.join(tmpdir(), 'eprom-reliability-'));
const tallyFile = path.join(work, 'tally.jsonl');
const env = { ...process.env, RELIABILITY: process.env.RELIABILITY ?? 'long', RELIABILITY_TALLY: tallyFile };

// The abuse suite is one file per kind of abuse (test/server/abuse-*.test.ts).
const abuseSuites = readdirSync(path.join(root, 'test/server'))
  .filter((name) => name.startsWith('abuse-') && name.endsWith('.test.ts'))
  .sort()
  .map((name) => `test/server/${name}`);
const nodeSuites = [
  ...abuseSuites,
  'test/server/hardening.test.ts',
  'test/server/claim-attempts.test.ts',
  'test/server/csv-guard.test.ts',
  'test/server/start-output.test.ts',
  'test/server/guessing.test.ts',
  'test/server/tablet-revocation.test.ts',
  'test/core/properties.test.ts',
  'test/device/outbox-properties.test.ts',
];
// The browser fault suites: chromium against the real register (network cut, register killed, page and browser killed, two tabs, update, storage, clock, hostile text).
const browserSuites = readdirSync(path.join(root, 'test/browser'))
  .filter((name) => name.startsWith('faults-') && name.endsWith('.test.ts'))
  .sort()
  .map((name) => `test/browser/${name}`);

interface VitestJson {
  numPassedTests: number;
  numFailedTests: number;
  testResults?: { name: string; assertionResults: { title: string; status: string }[] }[];
}
function vitest(args: string[], output: string): VitestJson {
  const run = spawnSync('npx', ['vitest', 'run', ...args, '--reporter=default', '--reporter=json', `--outputFile.json=${output}`], {
    cwd: root,
    env,
    stdio: 'inherit',
  });
  if (!existsSync(output)) throw new Error(`vitest wrote no report (exit ${run.status})`);
  return JSON.parse(readFileSync(output, 'utf8')) as VitestJson;
}

const runs = [vitest(nodeSuites, path.join(work, 'node.json'))];
let browserScenarios: { file: string; title: string; status: string }[] = [];
if (browserSuites.length > 0) {
  // The build the browser tests serve: always this checkout's, so the report is about this code.
  spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: root, env, stdio: 'inherit' });
  const browser = vitest(['-c', 'vitest.browser.config.ts', ...browserSuites], path.join(work, 'browser.json'));
  runs.push(browser);
  browserScenarios = (browser.testResults ?? []).flatMap((file) =>
    file.assertionResults.map(({ title, status }) => ({ file: path.relative(root, file.name), title, status })),
  );
}

const events: TallyEvent[] = existsSync(tallyFile)
  ? readFileSync(tallyFile, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as TallyEvent)
  : [];
const badInputs = events.filter((e) => e.kind === 'badInput');
const deliveries = events.filter((e) => e.kind === 'delivery');
const faults = events.filter((e) => e.kind === 'fault');
const guessing = events.find((e) => e.kind === 'guessing');
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

const codeSpace = 2 ** ACCESS_CODE_BITS;
const perWindow = guessing ?? { perAddressPerWindow: 10, allAddressesPerWindow: 300, windowMinutes: 10 };
const perHourAddress = (perWindow.perAddressPerWindow * 60) / perWindow.windowMinutes;
const perHourAll = (perWindow.allAddressesPerWindow * 60) / perWindow.windowMinutes;
const hoursPerYear = 24 * 365.25;
/** Expected guesses to hit one of n codes among the space, drawing without repeats: (S + 1) / (n + 1). */
const expectedYears = (openOrders: number, perHour: number) => (codeSpace + 1) / (openOrders + 1) / perHour / hoursPerYear;

const report = {
  generatedAt: new Date().toISOString(),
  mode: env.RELIABILITY,
  tests: { passed: sum(runs.map((r) => r.numPassedTests)), failed: sum(runs.map((r) => r.numFailedTests)) },
  browserFaultScenarios: browserScenarios,
  faultsInjected: sum(faults.map((f) => f.count)),
  submissions: {
    sealed: sum(deliveries.map((d) => d.sealed)),
    stored: sum(deliveries.map((d) => d.stored)),
    lost: sum(deliveries.map((d) => d.lost)),
    storedTwice: sum(deliveries.map((d) => d.storedTwice)),
  },
  badInputs: {
    tried: badInputs.length,
    refused: badInputs.filter((b) => b.isRefused).length,
    byCode: badInputs.reduce<Record<string, number>>(
      (counts, b) => ({ ...counts, [b.code ?? '(property run)']: (counts[b.code ?? '(property run)'] ?? 0) + 1 }),
      {},
    ),
  },
  accessCodeGuessing: {
    codeBits: Number(ACCESS_CODE_BITS.toFixed(1)),
    measuredPerWindow: perWindow,
    guessesPerHourOneAddress: perHourAddress,
    guessesPerHourAllAddresses: perHourAll,
    expectedYearsToFindOneCode: Object.fromEntries(
      [1, 100, 10_000].map((n) => [
        `${n} open orders`,
        {
          oneAddress: Number(expectedYears(n, perHourAddress).toPrecision(3)),
          allAddresses: Number(expectedYears(n, perHourAll).toPrecision(3)),
        },
      ]),
    ),
  },
};

const years = report.accessCodeGuessing.expectedYearsToFindOneCode;
const markdown = `# Reliability report

${report.generatedAt} (${report.mode} runs) · tests: ${report.tests.passed} passed, ${report.tests.failed} failed

| | |
|---|---|
| Faults injected | ${report.faultsInjected} |
| Submissions sealed | ${report.submissions.sealed} |
| Stored | ${report.submissions.stored} |
| Lost (must be 0) | ${report.submissions.lost} |
| Stored twice (must be 0) | ${report.submissions.storedTwice} |
| Bad inputs tried | ${report.badInputs.tried} |
| Refused with the expected code | ${report.badInputs.refused} |

Browser fault scenarios (chromium, the real register; each asserts nothing lost and nothing stored twice): ${browserScenarios.filter((t) => t.status === 'passed').length} of ${browserScenarios.length} passed.

${browserScenarios.map((t) => `- ${t.status === 'passed' ? '✓' : '✗'} ${t.file.replace('test/browser/', '')}: ${t.title}`).join('\n')}

Access codes have ${report.accessCodeGuessing.codeBits} bits. Measured: ${perWindow.perAddressPerWindow} wrong codes per address and ${perWindow.allAddressesPerWindow} from all addresses together per ${perWindow.windowMinutes} minutes, so at most ${perHourAddress} guesses an hour from one address and ${perHourAll} an hour however many addresses are used. Expected time to find one valid code:

| Open orders | One address | Any number of addresses |
|---|---|---|
${Object.entries(years)
  .map(
    ([n, y]) => `| ${n.replace(' open orders', '')} | ${y.oneAddress.toExponential(2)} years | ${y.allAddresses.toExponential(2)} years |`,
  )
  .join('\n')}
`;

mkdirSync(path.join(root, 'reliability'), { recursive: true });
writeFileSync(path.join(root, 'reliability', 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
writeFileSync(path.join(root, 'reliability', 'report.md'), markdown);
console.log(`\n${markdown}`);
const isHealthy =
  report.tests.failed === 0 &&
  report.submissions.lost === 0 &&
  report.submissions.storedTwice === 0 &&
  report.badInputs.refused === report.badInputs.tried;
process.exit(isHealthy ? 0 : 1);
