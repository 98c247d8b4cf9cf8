// `npm run reliability`: the abuse, hardening, guessing, property and fault suites with long property runs
// (RELIABILITY=long), then reliability/report.json and reliability/report.md from what they tried.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TallyEvent } from '../test/reliability-tally.js';
import { guessingAnalysis, guessingMarkdown } from './guessing-analysis.js';

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
  // Every suite whose refusals are counted (test/server/counted-refusal.ts).
  ...readdirSync(path.join(root, 'test/server'))
    .filter(
      (name) => name.endsWith('.test.ts') && readFileSync(path.join(root, 'test/server', name), 'utf8').includes('expectCountedRefusal'),
    )
    .sort()
    .map((name) => `test/server/${name}`),
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

// Long property runs take ten times the cases of npm test's: the per-test limit grows with them.
const runs = [vitest([...nodeSuites, '--testTimeout=300000'], path.join(work, 'node.json'))];
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

// Computed from the register's constants; the guessing suite's measurements beside it check that the limits hold as stated.
const guessingSection = guessingAnalysis();
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
  accessCodeGuessing: { ...guessingSection, measured: guessing ?? null },
};

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

${guessingMarkdown(guessingSection)}
${
  guessing
    ? `Measured by the guessing suite: ${guessing.perAddressPerWindow} wrong codes looked up per address in ${guessing.windowMinutes} minutes and ${guessing.perAddressPerDay} in a day; while 30 addresses guessed, ${guessing.refusedFromAddressesWithinLimits} claims were refused to addresses within their limits, and proofs of up to ${guessing.proofBitsAsked} bits were asked.`
    : 'The guessing suite did not report its measurements.'
}
`;

mkdirSync(path.join(root, 'reliability'), { recursive: true });
writeFileSync(path.join(root, 'reliability', 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
writeFileSync(path.join(root, 'reliability', 'report.md'), markdown);
console.log(`\n${markdown}`);
const isHealthy =
  report.tests.failed === 0 &&
  report.submissions.lost === 0 &&
  report.submissions.storedTwice === 0 &&
  report.badInputs.refused === report.badInputs.tried &&
  guessingSection.isOverHundredYears &&
  guessing?.refusedFromAddressesWithinLimits === 0;
process.exit(isHealthy ? 0 : 1);
