// The markdown table of bench/results.json, with the issue's targets and whether each is met.
import type { Results } from './run.js';
import type { LighthouseResult } from './lighthouse.js';
import type { LoadSide } from './load.js';
import type { RegisterResult, RegisterRun } from './register.js';
import { renderExports } from './exports.js';
import { kb, met, mb, ms, range, times } from './report-format.js';
import { renderAnswering, renderProfile } from './report-answering.js';

export function renderMarkdown(results: Results): string {
  const lines: string[] = [];
  const { machine } = results;
  lines.push(
    `Measured ${results.date.slice(0, 10)} by \`npm run bench\` on ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB, ` +
      `${machine.platform}, Node ${machine.node}, Chromium ${results.chromium}. Medians with min–max in brackets.`,
    '',
  );
  const day = results.date.slice(0, 10);
  const earlier = Object.entries(results.measuredOn ?? {}).filter(([, on]) => on.slice(0, 10) !== day);
  if (earlier.length > 0)
    lines.push(
      `Kept from earlier runs (\`npm run bench -- <parts>\` runs only those): ${earlier.map(([part, on]) => `${part} ${on.slice(0, 10)}`).join(', ')}.`,
      '',
    );
  const targets: string[][] = [];

  if (results.size) renderSize(results.size, lines, targets);
  if (results.load) renderLoad(results.load, lines, targets);
  if (results.sealSend) renderSealSend(results.sealSend, lines);
  if (results.lighthouse) renderLighthouse(results.lighthouse, lines, targets);
  if (results.answering) renderAnswering(results.answering, lines, targets);
  if (results.profile) renderProfile(results.profile, lines);
  if (results.register) renderRegister(results.register, lines, targets);
  if (results.exports) renderExports(results.exports, lines);

  const extra = results.extraTargets as string[][] | undefined;
  if (Array.isArray(results.extraLines)) lines.push(...(results.extraLines as string[]));
  if (extra) targets.push(...extra);
  lines.push(
    '**Targets** (issue 7, and issue 19 where it sets them again)',
    '',
    '| target | measured | |',
    '| --- | --- | --- |',
    ...targets.map((t) => `| ${t.join(' | ')} |`),
    '',
  );
  return lines.join('\n');
}

/** The patient's route's JS, gzip, in bench/results.json when issue 19 was filed (158.6 KB). */
const patientRouteGzipAtIssue19 = 162_417;

function renderSize({ ours, surveyjs }: NonNullable<Results['size']>, lines: string[], targets: string[][]): void {
  lines.push(
    '**Size** (each file compressed on its own: gzip -9, brotli 11)',
    '',
    '| | JS gzip | JS brotli | CSS gzip | CSS brotli |',
    '| --- | --- | --- | --- | --- |',
    `| ours, patient's route (${ours.patientRoute.files.length} files) | ${kb(ours.patientRoute.js.gzip)} | ${kb(ours.patientRoute.js.brotli)} | ${kb(ours.patientRoute.css.gzip)} | ${kb(ours.patientRoute.css.brotli)} |`,
    `| ours, all ${ours.precache.entries} precached entries (everything: ${kb(ours.precache.total.gzip)} gzip, ${kb(ours.precache.total.brotli)} brotli) | ${kb(ours.precache.js.gzip)} | ${kb(ours.precache.js.brotli)} | ${kb(ours.precache.css.gzip)} | ${kb(ours.precache.css.brotli)} |`,
    `| SurveyJS page (survey-core + survey-react-ui + React, fontless CSS) | ${kb(surveyjs.js.gzip)} | ${kb(surveyjs.js.brotli)} | ${kb(surveyjs.css.gzip)} | ${kb(surveyjs.css.brotli)} |`,
    '',
    `Our patient bundle by package (gzip of each package's bytes alone): ` +
      ours.patientJsByPackage
        .slice(0, 10)
        .map((p) => `${p.name} ${kb(p.gzip)}`)
        .join(', ') +
      '.',
    '',
  );
  targets.push([
    'patient route JS no larger than when issue 19 was filed, 158.6 KB gzip (issue 19)',
    kb(ours.patientRoute.js.gzip),
    met(ours.patientRoute.js.gzip <= patientRouteGzipAtIssue19),
  ]);
}

function renderLoad(load: NonNullable<Results['load']>, lines: string[], targets: string[][]): void {
  lines.push(
    `**Load**, EDE-Q side by side, ${load.cpuThrottling}× CPU throttling, ${load.runs} interleaved runs each, phone viewport. ` +
      'First question answerable = the first radio of page 1 visible and enabled; ours through the introduction includes it and the press on Start, ours at its first page, SurveyJS and the floors (bench/floors) open on page 1. ' +
      "The stack floor is the bare React page drawn once its data is fetched and checked with zod, IndexedDB opened and read with Dexie, and i18next started: the least an app on the design card's stack pays. " +
      'Heap after 1 s of settling and a garbage collection; long tasks summed until then.',
    '',
    '| | first radio, cold | first radio, warm | JS heap, cold | long tasks, cold | long tasks, warm |',
    '| --- | --- | --- | --- | --- | --- |',
  );
  const sides: [string, LoadSide | undefined][] = [
    ['ours, through the introduction and Start', load.ours],
    ['ours, at its first page (`#/q/ede-q%406.0/1`)', load.oursFirstPage],
    ['SurveyJS, on page 1', load.surveyjs],
    ['bare React floor, the same first page', load.react],
    ['stack floor, the same first page', load.stack],
  ];
  for (const [name, r] of sides)
    if (r)
      lines.push(
        `| ${name} | ${range(r.cold.firstRadioMs, ms)} | ${range(r.warm.firstRadioMs, ms)} | ${range(r.cold.heapBytes, mb)} | ${range(r.cold.longTaskMs, ms)} | ${range(r.warm.longTaskMs, ms)} |`,
      );
  lines.push(
    `| SurveyJS / ours through the introduction (pairs) | ${range(load.ratio.coldFirstRadio, times)} | ${range(load.ratio.warmFirstRadio, times)} | ${range(load.ratio.coldHeap, times)} | | |`,
  );
  if (load.stackOverReact)
    lines.push(
      `| stack floor / bare React floor (pairs) | ${range(load.stackOverReact.cold, times)} | ${range(load.stackOverReact.warm, times)} | | | |`,
    );
  lines.push('');
  const same = load.sameScreen;
  if (same) {
    lines.push(
      "First radio from the same screen, each run's pair in turn (median, min–max):",
      '',
      '| ours opened | ours / React floor, cold | ours / React floor, warm | ours / stack floor, cold | ours / stack floor, warm | SurveyJS / ours, cold | SurveyJS / ours, warm |',
      '| --- | --- | --- | --- | --- | --- | --- |',
      ...(
        [
          ['through the introduction', same.throughIntroduction],
          ['at its first page', same.firstPage],
        ] as const
      ).map(
        ([name, r]) =>
          `| ${name} | ${range(r.oursOverReact.cold, times)} | ${range(r.oursOverReact.warm, times)} | ${r.oursOverStack ? range(r.oursOverStack.cold, times) : ''} | ${r.oursOverStack ? range(r.oursOverStack.warm, times) : ''} | ${range(r.surveyjsOverOurs.cold, times)} | ${range(r.surveyjsOverOurs.warm, times)} |`,
      ),
      '',
    );
    targets.push([
      'first question, cold, from the same screen ≤ 1.25× the bare React floor (issue 19)',
      times(same.firstPage.oursOverReact.cold.median),
      met(same.firstPage.oursOverReact.cold.median <= 1.25),
    ]);
    if (load.stackOverReact)
      targets.push([
        '(what the stack allows) the stack floor / the bare React floor, first question, cold: the least any app on the design card pays',
        times(load.stackOverReact.cold.median),
        `${load.stackOverReact.cold.median > 1.25 ? 'over' : 'under'} 1.25× (${load.stackOverReact.cold.median.toFixed(3)}×)`,
      ]);
    targets.push([
      'SurveyJS / ours ≥ 2.5× on first question, cold, from the same screen (issue 19)',
      times(same.firstPage.surveyjsOverOurs.cold.median),
      met(same.firstPage.surveyjsOverOurs.cold.median >= 2.5),
    ]);
  } else
    targets.push([
      'SurveyJS / ours ≥ 2.5× on first question, cold',
      times(load.ratio.coldFirstRadio.median),
      met(load.ratio.coldFirstRadio.median >= 2.5),
    ]);
  targets.push(['SurveyJS / ours ≥ 2.5× on JS heap', times(load.ratio.coldHeap.median), met(load.ratio.coldHeap.median >= 2.5)]);
  targets.push([
    'no third-party request',
    load.thirdPartyRequests.length === 0 ? 'none' : load.thirdPartyRequests.join(', '),
    met(load.thirdPartyRequests.length === 0),
  ]);
}

function renderSealSend({ sealMs, deliver }: NonNullable<Results['sealSend']>, lines: string[]): void {
  lines.push(
    '**Sealing and sending** (Node, WebCrypto; fake-indexeddb device, httpRegisterClient, the real register with SQLite on 127.0.0.1)',
    '',
    '| | result |',
    '| --- | --- |',
    `| seal one completed EDE-Q (payload, ES256 sign, ECDH-ES+A256KW/A256GCM encrypt), ${sealMs.runs} runs | ${range(sealMs, (n) => `${n.toFixed(2)} ms`)}, p95 ${(sealMs.p95 ?? 0).toFixed(2)} ms |`,
    `| deliver ${deliver.submissions} sealed submissions from one device's outbox (one at a time, receipts verified) | ${deliver.seconds.toFixed(1)} s, ${deliver.perSecond.toFixed(0)}/s, ${deliver.acknowledged} acknowledged |`,
    '',
  );
}

const count = (n: number) => Math.round(n).toLocaleString('en-GB');
const perSecond = (n: number) => `${count(n)}/s`;
const percent = (share: number) => `${(share * 100).toFixed(0)}%`;

function renderRegister(register: RegisterResult, lines: string[], targets: string[][]): void {
  const { ceiling } = register;
  const runs = [register.sqlite, register.postgres].filter((run): run is RegisterRun => run !== undefined && !('skipped' in run));
  const first = runs[0];
  const core =
    register.endpointCpu === null
      ? 'not pinned to a core'
      : `pinned to core ${register.endpointCpu} (taskset), the load generator on the others`;
  lines.push(
    `**Register under load**: sealed EDE-Q submissions received, decrypted, verified, validated, scored and stored by the endpoint ` +
      `(\`tsx src/server/main.ts\`, LOG_LEVEL=info to /dev/null) as its own process, ${core}` +
      (first
        ? `; ${first.submissions.toLocaleString('en-GB')} submissions from ${first.devices} devices after ${first.warmUp} unmeasured, ` +
          `fired by ${first.concurrency} concurrent keep-alive HTTP clients from another process. One run per store; latency median (p50) and p95 per request with min–max. Per CPU-second: the submissions divided by the CPU time (user + system, all threads) the endpoint used during the load, what a core of its own would store per second (for PostgreSQL, the endpoint's CPU only, not the database's), steadier than the wall-clock rate when other work shares the core. PostgreSQL's own server processes are not pinned: they share the other core with the load generator, so its row has more than one core behind it.`
        : '.'),
    '',
    '| store | submissions/s | per CPU-second of the endpoint (% of ceiling) | latency p50 (min–max) | latency p95 | endpoint RSS during load | answers checked | rows afterwards |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
  );
  for (const run of runs) {
    const statuses = Object.entries(run.statuses)
      .map(([status, count]) => `${count} × ${status === '0' ? 'no answer' : status}`)
      .join(', ');
    const sent = run.submissions + run.warmUp;
    lines.push(
      `| ${run.store === 'sqlite' ? 'SQLite' : 'PostgreSQL'} | ${perSecond(run.perSecond)} | ${count(run.perCpuSecond)} (${percent(run.perCpuSecond / ceiling.perSecond)}) | ${range(run.latencyMs, ms)} | ${ms(run.latencyMs.p95 ?? Number.NaN)} | ` +
        `${range(run.rssBytes, mb)} (idle before: ${mb(run.rssBeforeBytes)}) | ${statuses}; ${run.receiptsVerified}/${sent} receipts verified | ${run.rowsStored}, ${run.storedTwice} stored twice |`,
    );
  }
  if (register.postgres && 'skipped' in register.postgres) lines.push(`| PostgreSQL | skipped: ${register.postgres.skipped} | | | | | | |`);
  lines.push(
    '',
    `Cryptographic ceiling on the same core per CPU-second, the endpoint's own path (src/server/jose-sync.ts: node:crypto, synchronous, keys imported once): ` +
      `${count(ceiling.sync.decryptPerSecond)} JWE decryptions/s (ECDH-ES+A256KW/A256GCM), ${count(ceiling.sync.verifyPerSecond)} JWS verifications/s (ES256), ` +
      `${count(ceiling.sync.signPerSecond)} receipt signatures/s (ES256); all three in a row, as the endpoint does for each submission, ${perSecond(ceiling.perSecond)}: the ceiling the % uses ` +
      `(decrypt and verify alone ${perSecond(ceiling.sync.withoutReceiptPerSecond)}). ` +
      `For reference, jose (WebCrypto, 16 operations in flight, per second of wall-clock time), which the endpoint used before: ${count(ceiling.jose.decryptPerSecond)} decryptions/s, ${count(ceiling.jose.verifyPerSecond)} verifications/s, ` +
      `${count(ceiling.jose.signPerSecond)} signatures/s, so at most ${perSecond(ceiling.jose.perSecond)} = 1/(1/decrypt + 1/verify), ${perSecond(ceiling.jose.withReceiptPerSecond)} with the receipt.`,
    '',
  );
  if (register.profile) {
    const { profile } = register;
    lines.push(
      `Where the endpoint's time goes (node --cpu-prof on a separate run of ${profile.submissions} submissions on SQLite at ${perSecond(profile.perSecond)}, ` +
        `self time in the main thread's busy samples during the load; the crypto runs there too, synchronously, in node:crypto): ` +
        profile.byPart
          .slice(0, 8)
          .map((p) => `${p.name} ${percent(p.share)}`)
          .join(', ') +
        '. Busiest functions: ' +
        profile.topFunctions
          .slice(0, 6)
          .map((f) => `\`${f.name}\` ${percent(f.share)}`)
          .join(', ') +
        '.',
      '',
    );
  }
  for (const run of runs) {
    const name = run.store === 'sqlite' ? 'SQLite' : 'PostgreSQL';
    targets.push([`register ≥ 800 submissions/s on one core (${name})`, perSecond(run.perSecond), met(run.perSecond >= 800)]);
    targets.push([
      `register ≥ 80% of the cryptographic ceiling, per CPU-second (${name})`,
      `${percent(run.perCpuSecond / ceiling.perSecond)} of ${perSecond(ceiling.perSecond)}`,
      met(run.perCpuSecond >= 0.8 * ceiling.perSecond),
    ]);
    targets.push([
      `every submission acknowledged with a valid receipt and stored once (${name})`,
      run.allAcknowledged && run.storedTwice === 0
        ? 'yes'
        : `${run.receiptsVerified} receipts, ${run.rowsStored} rows, ${run.storedTwice} twice`,
      met(run.allAcknowledged && run.storedTwice === 0),
    ]);
  }
}

function renderLighthouse(result: LighthouseResult, lines: string[], targets: string[][]): void {
  const score = (n: number) => n.toFixed(0);
  lines.push(
    `**Lighthouse** ${result.version}, ${result.formFactor} preset (${result.throttlingMethod === 'simulate' ? 'simulated' : result.throttlingMethod} slow 4G and 4× CPU), performance and accessibility, ` +
      `${result.runs} runs each, interleaved, a fresh chromium per run. Ours opens EDE-Q at its first question page (\`/#/q/ede-q%406.0/1\`; before issue 19, its introduction); SurveyJS opens on page 1.`,
    '',
    '| | performance | accessibility | LCP | TBT | accessibility audits failed |',
    '| --- | --- | --- | --- | --- | --- |',
  );
  for (const [name, side] of [
    ['ours', result.ours],
    ['SurveyJS', result.surveyjs],
  ] as const)
    lines.push(
      `| ${name} | ${range(side.performance, score)} | ${range(side.accessibility, score)} | ${range(side.lcpMs, ms)} | ${range(side.tbtMs, ms)} | ${side.failedAccessibilityAudits.join(', ') || 'none'} |`,
    );
  lines.push('');
  targets.push([
    'Lighthouse performance ≥ 95 (mobile, issue 19)',
    score(result.ours.performance.median),
    met(result.ours.performance.median >= 95),
  ]);
  targets.push(['Lighthouse TBT ≤ 150 ms (mobile, issue 19)', ms(result.ours.tbtMs.median), met(result.ours.tbtMs.median <= 150)]);
  targets.push(['Lighthouse accessibility 100', score(result.ours.accessibility.median), met(result.ours.accessibility.median >= 100)]);
}
