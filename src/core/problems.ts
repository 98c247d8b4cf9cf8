// Problems found in a definition, each with the JSON path it concerns and a plain-language message.
import type { z } from 'zod';

export type JsonPath = readonly (string | number)[];

export interface Problem {
  path: JsonPath;
  message: string;
}

/** `$.items[2].options[0].text.nb`: the path as an author reads it in the file. */
export function formatPath(path: JsonPath): string {
  return (
    '$' +
    path
      .map((key) =>
        typeof key === 'number' ? `[${key}]` : /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`,
      )
      .join('')
  );
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `the text ${JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value)}`;
  return `${typeof value} ${String(value)}`;
}

const typeNames: Record<string, string> = {
  string: 'a text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
  record: 'an object',
};

/** Messages for people who write JSON by hand, not for programmers. */
export const humanError: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'this field is required but missing';
      return `expected ${typeNames[issue.expected] ?? issue.expected}, found ${describeValue(issue.input)}`;
    case 'unrecognized_keys':
      return issue.keys.length === 1
        ? `unknown field "${issue.keys[0]}": check its spelling, or remove it`
        : `unknown fields ${issue.keys.map((k) => `"${k}"`).join(', ')}: check their spelling, or remove them`;
    case 'invalid_union':
      if ('discriminator' in issue && typeof issue.discriminator === 'string') {
        const listed: unknown = 'options' in issue ? issue.options : [];
        const options = (Array.isArray(listed) ? listed : []).map((o) => `"${String(o)}"`).join(', ');
        const input: unknown = issue.input;
        const value =
          typeof input === 'object' && input !== null ? (input as Record<string, unknown>)[issue.discriminator] : undefined;
        const shown = typeof value === 'object' && value !== null ? describeValue(value) : JSON.stringify(value);
        return value === undefined
          ? `"${issue.discriminator}" is missing: use one of ${options}`
          : `unknown ${issue.discriminator} ${shown}: use one of ${options}`;
      }
      return undefined;
    case 'too_small':
      if (issue.origin === 'array') return `needs at least ${String(issue.minimum)} entr${issue.minimum === 1 ? 'y' : 'ies'}`;
      if (issue.origin === 'string') return 'cannot be empty';
      return `must be at least ${String(issue.minimum)}`;
    case 'too_big':
      if (issue.origin === 'array') return `has more than ${String(issue.maximum)} entries`;
      return `must be at most ${String(issue.maximum)}`;
    default:
      return undefined;
  }
};

export function fromZodIssues(issues: readonly z.core.$ZodIssue[]): Problem[] {
  return issues.map((issue) => ({
    path: issue.path.filter((key): key is string | number => typeof key !== 'symbol'),
    message: issue.message,
  }));
}
