// Our definition format to SurveyJS JSON, for the side-by-side benchmark only: each top-level group
// becomes a page, scales and choices radio groups, yes-no a two-choice radio group, numbers text
// inputs of type number, "I prefer not to answer" one more choice, visibleWhen equals a visibleIf.
type Text = Record<string, string>;
interface Item {
  id: string;
  kind: string;
  text?: Text;
  title?: Text;
  help?: Text;
  required?: boolean;
  min?: number;
  max?: number;
  labels?: { value: number; text: Text }[];
  options?: { code: string; text: Text }[];
  preferNotToAnswer?: boolean;
  visibleWhen?: { op: string; item: string; value: unknown };
  items?: Item[];
}
interface Definition {
  id: string;
  title: Text;
  introduction?: Text;
  items: Item[];
}

const pick = (text: Text | undefined, language: string): string | undefined =>
  text ? (text[language] ?? Object.values(text)[0]) : undefined;
const declined = { value: 'declined', text: 'I prefer not to answer this' };

function question(item: Item, language: string): Record<string, unknown>[] {
  if (item.kind === 'group') return (item.items ?? []).flatMap((child) => question(child, language));
  const common: Record<string, unknown> = {
    name: item.id,
    title: pick(item.text, language),
    ...(item.help ? { description: pick(item.help, language) } : {}),
    isRequired: item.required !== false,
    ...(item.visibleWhen?.op === 'equals' ? { visibleIf: `{${item.visibleWhen.item}} = ${JSON.stringify(item.visibleWhen.value)}` } : {}),
  };
  const extra = item.preferNotToAnswer ? [declined] : [];
  switch (item.kind) {
    case 'scale': {
      const choices = [];
      for (let value = item.min ?? 0; value <= (item.max ?? 6); value++) {
        const label = item.labels?.find((l) => l.value === value);
        choices.push({ value, text: label ? `${value} ${pick(label.text, language)}` : String(value) });
      }
      return [{ ...common, type: 'radiogroup', choices: [...choices, ...extra] }];
    }
    case 'single-choice':
      return [
        {
          ...common,
          type: 'radiogroup',
          choices: [...(item.options ?? []).map((o) => ({ value: o.code, text: pick(o.text, language) })), ...extra],
        },
      ];
    case 'multiple-choice':
      return [{ ...common, type: 'checkbox', choices: (item.options ?? []).map((o) => ({ value: o.code, text: pick(o.text, language) })) }];
    case 'yes-no':
      return [{ ...common, type: 'radiogroup', choices: [{ value: true, text: 'Yes' }, { value: false, text: 'No' }, ...extra] }];
    case 'integer':
    case 'decimal':
      return [
        {
          ...common,
          type: 'text',
          inputType: 'number',
          ...(item.min !== undefined ? { min: item.min } : {}),
          ...(item.max !== undefined ? { max: item.max } : {}),
        },
      ];
    default:
      return [{ ...common, type: 'comment' }];
  }
}

export function toSurveyJs(definition: Definition, language = 'en'): Record<string, unknown> {
  const pages = definition.items.map((item) =>
    item.kind === 'group'
      ? { name: item.id, title: pick(item.title, language), description: pick(item.text, language), elements: question(item, language) }
      : { name: item.id, elements: question(item, language) },
  );
  return {
    title: pick(definition.title, language),
    description: pick(definition.introduction, language),
    pages,
    showProgressBar: 'top',
    locale: language,
  };
}
