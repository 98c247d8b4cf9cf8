// What editors show about each field of the plan format. Authoring only: the JSON Schema generator
// (src/cli/schema.ts) reads this registry, and nothing the app or the register loads imports it.
import { z } from 'zod';
import * as d from '../definition-parts.js';
import { duration, settingReference } from './duration.js';
import * as p from './plan.js';

interface Doc {
  description: string;
  examples?: unknown[];
  /** For a span: at least one of months, weeks and days (the zod schema checks it with a refinement). */
  minProperties?: number;
  /** Gives the schema a name of its own in the JSON Schema's $defs. */
  id?: string;
}

export const planDocs = z.registry<Doc>();

function doc(schema: z.core.$ZodType | undefined, description: string, more: Omit<Doc, 'description'> = {}): void {
  if (!schema) throw new Error(`plan-docs: no schema to describe as "${description}"`);
  planDocs.add(schema, { ...more, description });
}

type Shape = Record<string, z.core.$ZodType>;
const shapeOf = (schema: { shape: object }) => schema.shape as Shape;

// ---- Shared pieces ----

doc(d.languageCode, 'A language code: plans are written in "nb", "nn" and "en".', { examples: ['nb', 'nn', 'en'] });
doc(d.localisedText, 'A text in bokmål, nynorsk and English: {"nb": "…", "nn": "…", "en": "…"}.', {
  examples: [{ nb: 'Start av behandlingen', nn: 'Start av behandlinga', en: 'Start of treatment' }],
});

const span = shapeOf(duration);
doc(span.months, "Calendar months: the same day of the month, or the month's last day when it has fewer (31 Jan + 1 month is 28 Feb).");
doc(span.weeks, 'Weeks of 7 days.');
doc(span.days, 'Calendar days in Norway (Europe/Oslo): a day is a day also when the clocks change.');
doc(duration, 'A span of calendar time: months, weeks and days, e.g. {"weeks": 6} or {"months": 12}. Months are added first.', {
  id: 'span',
  examples: [{ days: 14 }, { weeks: 6 }, { months: 12 }],
  minProperties: 1,
});
doc(shapeOf(settingReference).setting, 'The id of a setting in "settings".');
doc(settingReference, 'The value of one of the plan\'s settings, which a unit may set at enrolment, e.g. {"setting": "interval"}.', {
  id: 'settingReference',
});

const notesText = "Why the plan is as it is: where the register's documents leave a number open, what was chosen and why.";

// ---- Events and settings ----

const event = shapeOf(p.planEvent);
doc(event.id, 'The event\'s id, used as an anchor or to end repeats, e.g. "discharged".', {
  examples: ['discharged', 'treatmentEnded', 'ectSeriesEnded'],
});
doc(event.name, 'What staff see when they record the event.');
doc(event.notes, notesText);
doc(p.planEvent, 'A clinical event staff record for an enrolment, with its date (planned or as it happened).');

const setting = shapeOf(p.planSetting);
doc(setting.id, 'The setting\'s id, used as {"setting": id} in a span, e.g. "interval".');
doc(setting.name, 'What staff see when they set it at enrolment.');
doc(setting.default, 'The value when the unit sets none.');
doc(setting.min, 'The shortest value a unit may set (a month counts as 28 days when compared).');
doc(setting.max, 'The longest value a unit may set (a month counts as 31 days when compared).');
doc(setting.notes, notesText);
doc(p.planSetting, 'A span a unit may set when it enrols a patient, with its default and the range allowed.');

// ---- Time points ----

const window = shapeOf(p.planWindow);
doc(window.opensBefore, 'How long before the due day the window opens (at 00:00 Oslo time). Default: on the due day.');
doc(window.closesAfter, 'How long after the due day the window stays open: it closes at the end of that day (Oslo time).');
doc(p.planWindow, 'When the questionnaires can be answered, around the due day.');

const repeat = shapeOf(p.planRepeat);
doc(repeat.every, 'The time between repeats, each counted from the anchor: must be longer than the window, so two windows never overlap.');
doc(repeat.until, 'The event that ends the repeats, e.g. "discharged": a repeat whose window opens after it is not asked.');
doc(p.planRepeat, 'Ask again at regular intervals while treatment lasts.');

const point = shapeOf(p.timePoint);
doc(point.id, 'The coded time point orders carry, stable across versions.', {
  examples: ['basis', 'malepunkt', 'avslutning', 'oppfolging-12m'],
});
doc(point.name, "What staff and patients see as the time point's name.");
doc(point.questionnaires, 'The questionnaires asked, id@version, in the order they are answered; each must be in questionnaires/.');
doc(point.anchor, '"enrolment", or the id of an event in "events": the day the offset counts from.', {
  examples: ['enrolment', 'discharged'],
});
doc(point.offset, 'How long after the anchor the time point is due, e.g. {"days": 0} or {"months": 12}.');
doc(point.reminders, 'When reminders go out, counted from the day the window opens, at "reminderTime"; each before the window closes.');
doc(point.notes, notesText);
doc(p.timePoint, 'One time point of the plan: what is asked, when it is due, and when it can be answered.');

// ---- The plan ----

const plan = shapeOf(p.planSchema);
const source = shapeOf(p.planSchema.shape.source);
doc(plan.$schema, 'The JSON Schema this file follows, for editor help.');
doc(plan.id, 'The plan id, stable across versions; the file is named after it, e.g. "kvarus".');
doc(plan.version, "The plan's version: change it when the plan changes.");
doc(plan.title, "The plan's name, as staff see it.");
doc(plan.license, "Who wrote the plan and how it relates to the register's own protocol.");
doc(source.citation, 'The register documents the plan follows.');
doc(source.url, 'Where they are published.');
doc(source.note, 'What the documents say about when patients answer.');
doc(plan.source, 'Where the plan comes from.');
doc(plan.notes, notesText);
doc(plan.reminderTime, 'The time of day (Oslo) reminders go out, HH:MM. Default "10:00".', { examples: ['10:00'] });
doc(plan.events, 'The clinical events time points can be anchored on; "enrolment" is always there.');
doc(plan.settings, 'Spans a unit may set at enrolment, such as the interval between measurement points.');
doc(plan.timePoints, 'The time points, in the order staff see them.');
doc(p.planSchema, 'A measurement plan: when in a course of treatment a register asks which questionnaires.');
