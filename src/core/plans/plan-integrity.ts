// What the schema alone cannot see in a plan: names that must be unique, references to
// questionnaires, events and settings, and spans that cannot work for every start date (windows of
// one time point's repeats that would overlap, a reminder after its window has closed).
import type { LocalisedText } from '../definition-parts.js';
import type { JsonPath, Problem } from '../problems.js';
import { didYouMean } from '../suggest.js';
import { formatDuration, isSettingReference, type DurationOrSetting } from './duration.js';
import { enrolmentAnchor, planLanguages, type Plan, type TimePoint } from './plan.js';
import { isWithinSetting, spanBounds } from './plan-spans.js';

export interface PlanContext {
  /** The definitions a plan may ask, by id@version (the shipped questionnaires). */
  definitionKeys: ReadonlySet<string>;
}

type Report = (path: JsonPath, message: string, hint?: string) => void;

function duplicates(ids: readonly string[], path: (index: number) => JsonPath, what: string, report: Report): void {
  const first = new Map<string, number>();
  ids.forEach((id, index) => {
    const earlier = first.get(id);
    if (earlier === undefined) first.set(id, index);
    else report(path(index), `there is already ${what} "${id}" (entry ${earlier + 1}): ids must be unique`);
  });
}

function missingTexts(plan: Plan): Problem[] {
  const texts: [JsonPath, LocalisedText][] = [
    [['title'], plan.title],
    ...(plan.events ?? []).map((e, i): [JsonPath, LocalisedText] => [['events', i, 'name'], e.name]),
    ...(plan.settings ?? []).map((s, i): [JsonPath, LocalisedText] => [['settings', i, 'name'], s.name]),
    ...plan.timePoints.map((t, i): [JsonPath, LocalisedText] => [['timePoints', i, 'name'], t.name]),
  ];
  return texts.flatMap(([path, text]) =>
    planLanguages
      .filter((language) => text[language] === undefined)
      .map((language) => ({ path: [...path, language], message: `the text in "${language}" is missing`, missingLanguage: language })),
  );
}

function checkSettings(plan: Plan, report: Report): void {
  (plan.settings ?? []).forEach((setting, i) => {
    if (!isWithinSetting(setting.default, setting))
      report(
        ['settings', i, 'default'],
        `the default, ${formatDuration(setting.default)}, is not between "min" (${formatDuration(setting.min)}) and "max" (${formatDuration(setting.max)})`,
      );
  });
}

function checkSpanReferences(plan: Plan, timePoint: TimePoint, at: JsonPath, report: Report): void {
  const known = (plan.settings ?? []).map((s) => s.id);
  const spans: [JsonPath, DurationOrSetting | undefined][] = [
    [['offset'], timePoint.offset],
    [['window', 'opensBefore'], timePoint.window.opensBefore],
    [['window', 'closesAfter'], timePoint.window.closesAfter],
    [['repeat', 'every'], timePoint.repeat?.every],
    ...(timePoint.reminders ?? []).map((r, i): [JsonPath, DurationOrSetting] => [['reminders', i], r]),
  ];
  for (const [path, span] of spans)
    if (span && isSettingReference(span) && !known.includes(span.setting))
      report(
        [...at, ...path, 'setting'],
        `there is no setting "${span.setting}" in "settings"`,
        didYouMean(span.setting, known) ?? (known.length === 0 ? 'declare it in "settings"' : undefined),
      );
}

function checkReferences(plan: Plan, context: PlanContext, timePoint: TimePoint, at: JsonPath, report: Report): void {
  const events = (plan.events ?? []).map((e) => e.id);
  timePoint.questionnaires.forEach((key, i) => {
    if (!context.definitionKeys.has(key))
      report([...at, 'questionnaires', i], `there is no questionnaire ${key} in questionnaires/`, didYouMean(key, context.definitionKeys));
  });
  if (timePoint.anchor !== enrolmentAnchor && !events.includes(timePoint.anchor))
    report(
      [...at, 'anchor'],
      `unknown anchor "${timePoint.anchor}": use "${enrolmentAnchor}" or an event in "events"`,
      didYouMean(timePoint.anchor, [enrolmentAnchor, ...events]),
    );
  const until = timePoint.repeat?.until;
  if (until !== undefined && !events.includes(until))
    report(
      [...at, 'repeat', 'until'],
      `unknown event "${until}": repeats end at an event in "events"`,
      didYouMean(until, events) ?? (events.length === 0 ? 'declare it in "events"' : undefined),
    );
  if (until !== undefined && until === timePoint.anchor)
    report([...at, 'repeat', 'until'], `the repeats end at "${until}", the event they start from: they would never be asked`);
  checkSpanReferences(plan, timePoint, at, report);
}

const days = (count: number) => `${count} day${count === 1 ? '' : 's'}`;

/** Spans that must hold for every start date and every setting value the plan allows. */
function checkSpans(plan: Plan, timePoint: TimePoint, at: JsonPath, report: Report): void {
  const before = spanBounds(timePoint.window.opensBefore, plan);
  const after = spanBounds(timePoint.window.closesAfter, plan);
  if (!before || !after) return; // an unknown setting, reported already
  // The window runs from the opening day's 00:00 to the end of the closing day.
  const longestWindow = before.longest + after.longest + 1;
  const shortestOpenDays = before.shortest + after.shortest;
  const every = timePoint.repeat && spanBounds(timePoint.repeat.every, plan);
  if (every && every.shortest < longestWindow)
    report(
      [...at, 'repeat', 'every'],
      `the repeats can come ${days(every.shortest)} apart, but a window can last ${days(longestWindow)}: two windows of this time point would overlap. Repeat less often, or make the window shorter`,
    );
  let previous: number | undefined;
  (timePoint.reminders ?? []).forEach((reminder, i) => {
    const bounds = spanBounds(reminder, plan);
    if (!bounds) return;
    if (bounds.shortest < 1) report([...at, 'reminders', i], 'a reminder comes at least one day after the window opens');
    else if (bounds.longest > shortestOpenDays)
      report(
        [...at, 'reminders', i],
        `this reminder can come ${days(bounds.longest)} after the window opens, but the window can close after ${days(shortestOpenDays + 1)}: it would come too late`,
      );
    else if (previous !== undefined && bounds.shortest <= previous)
      report([...at, 'reminders', i], 'reminders are listed in order, each later than the one before');
    previous = bounds.longest;
  });
}

/** Every problem of a plan that matches the schema. */
export function checkPlanIntegrity(plan: Plan, context: PlanContext): Problem[] {
  const problems: Problem[] = [];
  const report: Report = (path, message, hint) => void problems.push({ path, message, ...(hint ? { hint } : {}) });
  duplicates(
    plan.timePoints.map((t) => t.id),
    (i) => ['timePoints', i, 'id'],
    'a time point',
    report,
  );
  duplicates(
    (plan.events ?? []).map((e) => e.id),
    (i) => ['events', i, 'id'],
    'an event',
    report,
  );
  duplicates(
    (plan.settings ?? []).map((s) => s.id),
    (i) => ['settings', i, 'id'],
    'a setting',
    report,
  );
  (plan.events ?? []).forEach((event, i) => {
    if (event.id === enrolmentAnchor)
      report(['events', i, 'id'], `"${enrolmentAnchor}" is every plan's own anchor: name the event something else`);
  });
  checkSettings(plan, report);
  plan.timePoints.forEach((timePoint, i) => {
    checkReferences(plan, context, timePoint, ['timePoints', i], report);
    checkSpans(plan, timePoint, ['timePoints', i], report);
  });
  return [...problems, ...missingTexts(plan)];
}
