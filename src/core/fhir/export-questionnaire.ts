// A definition as a FHIR R4 Questionnaire: items with their codes and answer options, enableWhen
// for conditions, every language through the translation extension, and the scores as SDC
// calculated expressions. `notes` says what FHIR does not carry over.
import type { AnswerableItem, Definition, GroupItem, LeafItem, LocalisedText, ScoreDefinition } from '../definition.js';
import { optionsOf, isRequired } from '../answers.js';
import type { ParsedDefinition } from '../parse-definition.js';
import { isAnswerable, leafItems } from '../visibility.js';
import { codingsOf, linkIdOf, optionSystemAndCode } from './codes.js';
import { toEnableWhen } from './enable-when.js';
import { repeatingGroupOf, repeatsOf } from './export-repeats.js';
import { conditionExpression, scoreExpression, scoreLinkIdOf, type ItemsById } from './fhirpath.js';
import { helpLinkId, itemSystem, questionnaireUrl, resourceId } from './naming.js';
import { localisedElement, primaryText, translations } from './text.js';
import { ucumCodeOf, ucumSystem } from './ucum.js';
import {
  fhirPathLanguage,
  Url,
  type AnswerOption,
  type Coding,
  type Extension,
  type Questionnaire,
  type QuestionnaireItem,
} from './types.js';

export interface QuestionnaireExport {
  questionnaire: Questionnaire;
  /** What the Questionnaire does not carry, for the person exporting it. */
  notes: string[];
}

interface Context {
  definition: Definition;
  items: ItemsById;
  notes: string[];
}

function text(context: Context, value: LocalisedText): Pick<QuestionnaireItem, 'text' | '_text'> {
  return localisedElement('text', value, context.definition) as Pick<QuestionnaireItem, 'text' | '_text'>;
}

function coding(
  context: Context,
  system: string | undefined,
  code: string,
  display: LocalisedText | undefined,
  ownDisplay?: string,
): Coding {
  const identity = { ...(system ? { system } : {}), code };
  if (!display) return identity;
  const twin = translations(display, context.definition.languages);
  return { ...identity, display: ownDisplay ?? primaryText(display, context.definition.languages), ...(twin ? { _display: twin } : {}) };
}

function itemControl(code: string): Extension {
  return { url: Url.itemControl, valueCodeableConcept: { coding: [{ system: Url.itemControlSystem, code }] } };
}

function conditionOf(context: Context, owner: LeafItem | GroupItem): Partial<QuestionnaireItem> {
  if (!owner.visibleWhen) return {};
  const expressed = toEnableWhen(context.definition, owner.visibleWhen, context.items);
  if (expressed) return expressed;
  context.notes.push(
    `the condition of "${owner.id}" cannot be written as enableWhen: it is given as an SDC enableWhenExpression (FHIRPath) only`,
  );
  // FHIRPath names an answer by linkId across the whole response, where the format looks at the same entry
  const group = repeatingGroupOf(context.definition, owner);
  if (group)
    context.notes.push(
      `the condition of "${owner.id}" in the repeating group "${group.id}" looks at every entry's answers in FHIRPath, not only its own entry's`,
    );
  return {
    extension: [
      {
        url: Url.enableWhenExpression,
        valueExpression: {
          language: fhirPathLanguage,
          expression: conditionExpression(owner.visibleWhen, context.items, context.definition),
        },
      },
    ],
  };
}

/** The questionnaire-unit extension: UCUM where UCUM names the unit, else the questionnaire's own code system. */
function unitExtension(context: Context, itemId: string, unit: LocalisedText): Extension {
  const ucum = ucumCodeOf(unit);
  if (!ucum) context.notes.push(`the unit of "${itemId}" is not one UCUM names: it is exported under this questionnaire's own code system`);
  return {
    url: Url.unit,
    valueCoding: ucum ? coding(context, ucumSystem, ucum, unit) : coding(context, `urn:eprom:${context.definition.id}:unit`, itemId, unit),
  };
}

function answerItem(context: Context, item: AnswerableItem): QuestionnaireItem {
  const { definition } = context;
  const extensions: Extension[] = [];
  const base = {
    linkId: linkIdOf(item),
    code: item.codes ? codingsOf(item.codes) : [{ system: `urn:eprom:${definition.id}:item`, code: item.id }],
    ...text(context, item.text),
    ...(isRequired(item) ? { required: true } : {}),
  };
  let typed: Partial<QuestionnaireItem>;
  switch (item.kind) {
    case 'single-choice':
    case 'multiple-choice': {
      typed = {
        type: 'choice',
        ...(item.kind === 'multiple-choice' ? { repeats: true } : {}),
        answerOption: optionsOf(definition, item).map((option): AnswerOption => {
          const { system, code } = optionSystemAndCode(definition, item, option);
          return { valueCoding: coding(context, system, code ?? option.code, option.text, option.coding?.display) };
        }),
      };
      if (item.kind === 'multiple-choice') {
        if (item.minSelected !== undefined) extensions.push({ url: Url.minOccurs, valueInteger: item.minSelected });
        if (item.maxSelected !== undefined) extensions.push({ url: Url.maxOccurs, valueInteger: item.maxSelected });
        extensions.push(itemControl('check-box'));
      } else extensions.push(itemControl('radio-button'));
      break;
    }
    case 'scale': {
      // every step is an option whose code is its number, with that number as its ordinal value
      const system = item.system ?? itemSystem(definition.id, item.id);
      const steps = Array.from({ length: item.max - item.min + 1 }, (_, i) => item.min + i);
      typed = {
        type: 'choice',
        answerOption: steps.map((step) => ({
          extension: [{ url: Url.ordinalValue, valueDecimal: step }],
          valueCoding: coding(context, system, String(step), item.labels.find((l) => l.value === step)?.text),
        })),
      };
      extensions.push(itemControl('radio-button'));
      break;
    }
    case 'integer':
    case 'decimal': {
      const valueKey = item.kind === 'integer' ? 'valueInteger' : 'valueDecimal';
      typed = { type: item.kind };
      if (item.min !== undefined) extensions.push({ url: Url.minValue, [valueKey]: item.min });
      if (item.max !== undefined) extensions.push({ url: Url.maxValue, [valueKey]: item.max });
      if (item.kind === 'decimal') extensions.push({ url: Url.maxDecimalPlaces, valueInteger: item.decimals ?? 1 });
      if (item.unit) extensions.push(unitExtension(context, item.id, item.unit));
      break;
    }
    case 'yes-no':
      typed = { type: 'boolean' };
      break;
    case 'date':
      typed = { type: 'date' };
      if (item.min !== undefined) extensions.push({ url: Url.minValue, valueDate: item.min });
      if (item.max !== undefined) extensions.push({ url: Url.maxValue, valueDate: item.max });
      break;
    case 'text':
    case 'long-text':
      typed = { type: item.kind === 'text' ? 'string' : 'text', maxLength: item.maxLength ?? (item.kind === 'text' ? 500 : 10000) };
      break;
  }
  const condition = conditionOf(context, item);
  const allExtensions = [...extensions, ...(condition.extension ?? [])];
  return {
    ...(allExtensions.length > 0 ? { extension: allExtensions } : {}),
    ...base,
    ...typed,
    type: typed.type ?? 'string',
    ...(condition.enableWhen ? { enableWhen: condition.enableWhen } : {}),
    ...(condition.enableBehavior ? { enableBehavior: condition.enableBehavior } : {}),
    ...(item.help ? { item: [helpItem(context, item.id, item.help)] } : {}),
  };
}

function helpItem(context: Context, id: string, help: LocalisedText): QuestionnaireItem {
  return { extension: [itemControl('help')], linkId: helpLinkId(id), ...text(context, help), type: 'display' };
}

/**
 * One item of ours as the FHIR items it becomes. A display item cannot hold items (R4's rule que-1),
 * so its help follows it as a display item of its own, shown under the same condition.
 */
function fhirItemsOf(context: Context, item: LeafItem): QuestionnaireItem[] {
  if (isAnswerable(item)) return [answerItem(context, item)];
  const condition = conditionOf(context, item);
  const shown = {
    ...(condition.enableWhen ? { enableWhen: condition.enableWhen } : {}),
    ...(condition.enableBehavior ? { enableBehavior: condition.enableBehavior } : {}),
  };
  const display: QuestionnaireItem = {
    ...(condition.extension ? { extension: condition.extension } : {}),
    linkId: linkIdOf(item),
    ...text(context, item.text),
    type: 'display',
    ...shown,
  };
  if (!item.help) return [display];
  context.notes.push(
    `the help of the text "${item.id}" follows it as a display item of its own ("${helpLinkId(item.id)}"): a display item holds no items in FHIR`,
  );
  return [
    display,
    {
      ...(condition.extension ? { extension: condition.extension } : {}),
      linkId: helpLinkId(item.id),
      ...text(context, item.help),
      type: 'display',
      ...shown,
    },
  ];
}

function groupItem(context: Context, group: GroupItem): QuestionnaireItem {
  const condition = conditionOf(context, group);
  const { extension: occurs, ...repeats } = repeatsOf(group);
  const extension = [...occurs, ...(condition.extension ?? [])];
  // The group's introduction is a display item before its questions.
  const intro: QuestionnaireItem[] = group.text ? [{ linkId: `${group.id}.text`, ...text(context, group.text), type: 'display' }] : [];
  return {
    ...(extension.length > 0 ? { extension } : {}),
    linkId: linkIdOf(group),
    ...(group.codes ? { code: codingsOf(group.codes) } : {}),
    ...(group.title ? text(context, group.title) : {}),
    type: 'group',
    ...repeats,
    ...(condition.enableWhen ? { enableWhen: condition.enableWhen } : {}),
    ...(condition.enableBehavior ? { enableBehavior: condition.enableBehavior } : {}),
    item: [...intro, ...group.items.flatMap((child) => fhirItemsOf(context, child))],
  };
}

function scoreItem(context: Context, score: ScoreDefinition): QuestionnaireItem {
  const expressed = scoreExpression(context.definition, score, context.items);
  if (!expressed) context.notes.push(`the score "${score.id}" cannot be written in FHIRPath: it is exported without its calculation`);
  if (score.bands || score.flags)
    context.notes.push(`the bands and flags of the score "${score.id}" have no place in a Questionnaire and are left out`);
  const extension: Extension[] = [];
  if (score.showToPatient !== true) extension.push({ url: Url.hidden, valueBoolean: true });
  for (const variable of expressed?.variables ?? [])
    extension.push({
      url: Url.variable,
      valueExpression: { name: variable.name, language: fhirPathLanguage, expression: variable.expression },
    });
  if (expressed)
    extension.push({ url: Url.calculatedExpression, valueExpression: { language: fhirPathLanguage, expression: expressed.expression } });
  return {
    extension,
    linkId: scoreLinkIdOf(score),
    ...(score.codes ? { code: codingsOf(score.codes) } : {}),
    ...text(context, score.title),
    type: 'decimal',
    readOnly: true,
  };
}

export function toFhirQuestionnaire(parsed: ParsedDefinition): QuestionnaireExport {
  const { definition } = parsed;
  const items: ItemsById = new Map(
    leafItems(definition)
      .filter(isAnswerable)
      .map((item) => [item.id, item]),
  );
  const context: Context = { definition, items, notes: [] };
  const questionnaire: Questionnaire = {
    resourceType: 'Questionnaire',
    id: resourceId(definition.id, definition.version),
    extension: [{ url: Url.definitionHash, valueString: parsed.hash }],
    language: definition.languages[0],
    url: questionnaireUrl(definition.id),
    version: definition.version,
    name: definition.id.replace(/[^A-Za-z0-9_]/g, '_'),
    ...(definition.codes ? { code: codingsOf(definition.codes) } : {}),
    ...(localisedElement('title', definition.title, definition) as Pick<Questionnaire, 'title' | '_title'>),
    status: 'active',
    ...(definition.introduction
      ? (localisedElement('description', definition.introduction, definition) as Pick<Questionnaire, 'description' | '_description'>)
      : {}),
    copyright: definition.license,
    item: [
      ...definition.items.flatMap((item) => (item.kind === 'group' ? [groupItem(context, item)] : fhirItemsOf(context, item))),
      ...(definition.scores ?? []).map((score) => scoreItem(context, score)),
    ],
  };
  const { notes } = context;
  notes.push('the source (citation, address and note) is not exported');
  if (definition.preferNotToAnswer !== undefined || leafItems(definition).some((i) => isAnswerable(i) && i.preferNotToAnswer !== undefined))
    notes.push('"I prefer not to answer" has no FHIR counterpart: a declined item is exported as unanswered');
  if (definition.notices)
    notes.push(
      `the support notices (${definition.notices.map((n) => `"${n.id}"`).join(', ')}) have no place in a Questionnaire and are left out`,
    );
  if (definition.examples) notes.push('the example answer sets are left out');
  return { questionnaire, notes };
}
