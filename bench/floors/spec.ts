// What the two tap floors show: the first question page of a questionnaire, worked out at build time
// with the app's own core (visible pages, options, scale steps, localised text) and its English
// words, so that the bare page and the bare React page draw exactly the markup our PageForm draws
// for that page (src/app/questionnaire/: ResponseView, PageForm, ChoiceFieldset, field-parts),
// with the app's stylesheet, and nothing else: no i18n, no validation, no session, no live queries.
import en from '../../src/app/i18n/locales/en.json' with { type: 'json' };
import {
  isAnswerable,
  isRequired,
  localise,
  offersDecline,
  optionsOf,
  scaleSteps,
  visiblePages,
  type LocalisedText,
} from '../../src/core/index.js';
import { parseDefinition } from '../../src/core/parse-definition.js';

export interface FloorOption {
  value: string;
  /** A scale's step number, shown before its label. */
  step?: string;
  label?: string;
}

export interface FloorItem {
  id: string;
  kind: string;
  question: string;
  optional: boolean;
  help?: string;
  decline: boolean;
  options: FloorOption[];
}

export interface FloorPage {
  title: string;
  heading: string;
  pageOf: string;
  total: number;
  introduction?: string;
  groupText?: string;
  items: FloorItem[];
  words: { next: string; exit: string; optional: string; preferNotToAnswer: string; progress: string; appName: string; skip: string };
}

/** The first page of a definition in English, as our app shows it to someone who has not answered yet. */
export function floorPage(input: unknown, language = 'en'): FloorPage {
  const parsed = parseDefinition(input);
  if (!parsed.ok) throw new Error('the floor page needs a valid definition');
  const { definition } = parsed;
  const text = (shown: LocalisedText) => localise(shown, language, definition.languages).text;
  const pages = visiblePages(definition, {});
  const page = pages[0];
  if (!page) throw new Error('the definition has no page');
  const pageOf = en.questionnaire.pageOf.replace('{{current}}', '1').replace('{{total}}', String(pages.length));
  const items = page.items.filter(isAnswerable).map((item): FloorItem => {
    let options: FloorOption[];
    if (item.kind === 'scale')
      options = scaleSteps(item).map((step) => {
        const label = item.labels.find((l) => l.value === step);
        return { value: String(step), step: String(step), ...(label ? { label: text(label.text) } : {}) };
      });
    else if (item.kind === 'single-choice') options = optionsOf(definition, item).map((o) => ({ value: o.code, label: text(o.text) }));
    else throw new Error(`the floor pages draw radios only, not ${item.kind} (${item.id})`);
    return {
      id: item.id,
      kind: item.kind,
      question: text(item.text),
      optional: !isRequired(item),
      ...(item.help ? { help: text(item.help) } : {}),
      decline: offersDecline(definition, item),
      options,
    };
  });
  return {
    title: text(definition.title),
    heading: page.group?.title ? text(page.group.title) : pageOf,
    pageOf,
    total: pages.length,
    ...(definition.introduction ? { introduction: text(definition.introduction) } : {}),
    ...(page.group?.text ? { groupText: text(page.group.text) } : {}),
    items,
    words: {
      next: pages.length > 1 ? en.questionnaire.next : en.questionnaire.toReview,
      exit: en.questionnaire.exit,
      optional: en.questionnaire.optional,
      preferNotToAnswer: en.questionnaire.preferNotToAnswer,
      progress: en.questionnaire.progress,
      appName: en.app.name,
      skip: en.app.skipToContent,
    },
  };
}
