// The answering section of the results' markdown, with its floors and the tap profile (issue 19).
import { answeringPageNames, type AnsweringResult, type AnsweringScenario } from './answering.js';
import type { Summary } from './lib.js';
import type { TapProfileResult } from './profile.js';
import { met, ms, range, times } from './report-format.js';

const pageOf = (s: AnsweringScenario) => s.page ?? 'ours';

export function renderAnswering(result: AnsweringResult, lines: string[], targets: string[][]): void {
  const fine = (n: number) => `${n.toFixed(1)} ms`;
  const first = result.scenarios[0];
  lines.push(
    `**Answering**, headless chromium, phone viewport, ${first?.taps ?? 0} taps per row (touch through CDP) cycling through the options of the first page's items, each changing an answer. ` +
      'Ours is opened at its first page; beside it, in the same run and in turn, the two tap floors of bench/floors showing the same page with the same markup: ' +
      'the bare page (no framework, one raw IndexedDB put per tap) and the bare React page (React 19, controlled radios, one Dexie put per tap). ' +
      'To IndexedDB = from the pointerdown to the `complete` event of the transaction that put the answer row; ' +
      "input latency = the Event Timing API's interaction duration (to the next frame painted; chromium reports only those over 16 ms, the rest count as 16 ms, and rounds to 8 ms); " +
      'next frame = to the first task after the next animation frame following the click.',
    '',
    '| questionnaire | page | CPU | to IndexedDB, median (min–max) | to IndexedDB p95 | input latency, median (min–max) | input latency p95 | next frame p95 |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
  );
  for (const s of result.scenarios)
    lines.push(
      `| ${s.questionnaire} (${s.items} items, ${s.itemsOnPage} on the page) | ${answeringPageNames[pageOf(s)]} | ${s.cpuThrottling}× | ${range(s.toIndexedDbMs, fine)} | ${fine(s.toIndexedDbMs.p95 ?? Number.NaN)} | ` +
        `${range(s.inputLatencyMs, ms)} | ${ms(s.inputLatencyMs.p95 ?? Number.NaN)} (${s.over16ms}/${s.taps} over 16 ms) | ${fine(s.nextFrameMs.p95 ?? Number.NaN)} |`,
    );
  lines.push('');
  const find = (questionnaire: string, page: string, rate: number) =>
    result.scenarios.find((s) => s.questionnaire === questionnaire && pageOf(s) === page && s.cpuThrottling === rate);
  const p95 = (s: Summary) => s.p95 ?? Number.NaN;
  const pairs = [...new Set(result.scenarios.map((s) => `${s.questionnaire}\n${s.cpuThrottling}`))].map((key) => {
    const [questionnaire, rate] = key.split('\n') as [string, string];
    return {
      questionnaire,
      rate: Number(rate),
      ours: find(questionnaire, 'ours', Number(rate)),
      react: find(questionnaire, 'react', Number(rate)),
    };
  });
  const withFloor = pairs.filter((p) => p.ours && p.react);
  if (withFloor.length > 0)
    lines.push(
      'Ours ÷ the bare React floor (p95 against p95):',
      '',
      '| questionnaire | CPU | to IndexedDB p95 | input latency p95 | next frame p95 |',
      '| --- | --- | --- | --- | --- |',
      ...withFloor.map(
        ({ questionnaire, rate, ours, react }) =>
          `| ${questionnaire} | ${rate}× | ${times(p95(ours!.toIndexedDbMs) / p95(react!.toIndexedDbMs))} | ${times(p95(ours!.inputLatencyMs) / p95(react!.inputLatencyMs))} | ${times(p95(ours!.nextFrameMs) / p95(react!.nextFrameMs))} |`,
      ),
      '',
    );
  for (const { questionnaire, rate, ours, react } of withFloor) {
    if (rate !== 4) continue;
    const short = questionnaire === 'EDE-Q' ? 'EDE-Q' : '300 items with conditions';
    const idb = p95(ours!.toIndexedDbMs) / p95(react!.toIndexedDbMs);
    const latency = p95(ours!.inputLatencyMs) / p95(react!.inputLatencyMs);
    targets.push([
      `tap to IndexedDB p95 at 4× ≤ 1.25× the bare React floor (${short}, issue 19)`,
      `${times(idb)} (${fine(p95(ours!.toIndexedDbMs))} / ${fine(p95(react!.toIndexedDbMs))})`,
      met(idb <= 1.25),
    ]);
    targets.push([
      `input latency p95 at 4× ≤ 1.25× the bare React floor (${short}, issue 19)`,
      `${times(latency)} (${ms(p95(ours!.inputLatencyMs))} / ${ms(p95(react!.inputLatencyMs))})`,
      met(latency <= 1.25),
    ]);
  }
  if (withFloor.length > 0) return;
  // Results from before the floors: issue 7's absolute targets.
  const edeQ = result.scenarios.find((s) => s.questionnaire === 'EDE-Q' && s.cpuThrottling === 4);
  const big = result.scenarios.find((s) => s.questionnaire !== 'EDE-Q' && s.cpuThrottling === 4);
  if (edeQ)
    targets.push([
      'answer to IndexedDB p95 ≤ 10 ms at 4× CPU (EDE-Q)',
      fine(edeQ.toIndexedDbMs.p95 ?? Number.NaN),
      met((edeQ.toIndexedDbMs.p95 ?? Infinity) <= 10),
    ]);
  if (big)
    targets.push([
      'input latency p95 ≤ 50 ms at 4× CPU (300 items with conditions)',
      ms(big.inputLatencyMs.p95 ?? Number.NaN),
      met((big.inputLatencyMs.p95 ?? Infinity) <= 50),
    ]);
}

export function renderProfile(result: TapProfileResult, lines: string[]): void {
  const fine = (n: number) => `${n.toFixed(1)} ms`;
  const first = result.profiles[0];
  lines.push(
    `**Where a tap goes** (bench/profile.ts: chromium's CPU profiler through CDP, 100 µs sampling, ${first?.cpuThrottling ?? 4}× CPU, ${first?.taps ?? 0} taps per row after two unmeasured; ` +
      'only the samples from each pointerdown to the first task after the frame that follows its write; self time per tap by part, through the source maps; ' +
      "the browser's own work is what the profiler cannot see into: style, layout, paint, event dispatch, IndexedDB's own work). See docs/performance.md.",
    '',
    '| questionnaire | page | window per tap | busy per tap | by part (ms per tap) |',
    '| --- | --- | --- | --- | --- |',
    ...result.profiles.map(
      (p) =>
        `| ${p.questionnaire} | ${answeringPageNames[p.page]} | ${fine(p.windowMsPerTap)} | ${fine(p.busyMsPerTap)} | ` +
        p.byPart
          .filter((part) => part.msPerTap >= 0.1)
          .map((part) => `${part.name} ${part.msPerTap.toFixed(1)}`)
          .join('; ') +
        ' |',
    ),
    '',
  );
  if (!result.loads?.length) return;
  lines.push(
    "A cold load of EDE-Q's first page in the same way (bench/profile-load.ts: from the navigation to the first radio answerable, a fresh context, one load each; busy = all but idle; self time by part):",
    '',
    '| page | first radio | busy | by part (ms) |',
    '| --- | --- | --- | --- |',
    ...result.loads.map(
      (l) =>
        `| ${l.page === 'ours' ? 'ours, at its first page' : answeringPageNames.react} | ${ms(l.firstRadioMs)} | ${ms(l.busyMs)} | ` +
        l.byPart
          .filter((part) => part.ms >= 1)
          .map((part) => `${part.name} ${part.ms.toFixed(0)}`)
          .join('; ') +
        ' |',
    ),
    '',
  );
}
