// Problems found in a definition, each with the JSON path it concerns and a plain-language message.
import { z } from 'zod/mini';
import { closest, didYouMean } from './suggest.js';

export type JsonPath = readonly (string | number)[];

export interface Problem {
  path: JsonPath;
  message: string;
  /** What the author may have meant, e.g. `did you mean "q12"?`. */
  hint?: string;
  /** Set on a text missing in one of the declared languages, so a report can list them by language. */
  missingLanguage?: string;
}

/** `$.items[2].options[0].text.nb`: the path as an author reads it in the file. */
export function formatPath(path: JsonPath): string {
  return (
    '$' +
    path
      .map((key) => (typeof key === 'number' ? `[${key}]` : /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`))
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

// zod/mini sets no locale of its own: the rest of the messages are zod's English, wherever this runs.
const english = z.locales.en().localeError;

/** Messages for people who write JSON by hand, not for programmers. */
export const humanError: z.core.$ZodErrorMap = (issue) => humanMessage(issue) ?? english(issue);

const humanMessage: z.core.$ZodErrorMap = (issue) => {
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
        const value = typeof input === 'object' && input !== null ? (input as Record<string, unknown>)[issue.discriminator] : undefined;
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

// Read from a schema once, on first use: the set never changes.
const fieldNamesBySchema = new WeakMap<z.core.$ZodType, ReadonlySet<string>>();

/** Every field name a format has anywhere (the definition's, or a plan's), read from its schema. */
function knownFieldNames(root: z.core.$ZodType): ReadonlySet<string> {
  const cached = fieldNamesBySchema.get(root);
  if (cached) return cached;
  const names = new Set<string>();
  const seen = new Set<z.core.$ZodType>();
  const walk = (schema: z.core.$ZodType) => {
    if (seen.has(schema)) return;
    seen.add(schema);
    if (schema._zod.def.type === 'object') Object.keys((schema._zod.def as z.core.$ZodObjectDef).shape).forEach((name) => names.add(name));
    innerSchemas(schema).forEach(walk);
  };
  walk(root);
  fieldNamesBySchema.set(root, names);
  return names;
}

/** The schemas directly inside one: an object's fields, a list's entries, a union's options… */
function innerSchemas(schema: z.core.$ZodType): readonly z.core.$ZodType[] {
  const def = schema._zod.def;
  switch (def.type) {
    case 'object':
      return Object.values((def as z.core.$ZodObjectDef).shape);
    case 'array':
      return [(def as z.core.$ZodArrayDef).element];
    case 'record':
      return [(def as z.core.$ZodRecordDef).valueType];
    case 'union':
      return (def as z.core.$ZodUnionDef).options;
    case 'optional':
    case 'nullable':
      return [(def as z.core.$ZodOptionalDef).innerType];
    case 'lazy':
      return [(schema as z.core.$ZodLazy)._zod.innerType];
    default:
      return [];
  }
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let node = root;
  for (const key of path)
    node =
      typeof node === 'object' && node !== null && typeof key !== 'symbol' ? (node as Record<string | number, unknown>)[key] : undefined;
  return node;
}

/** A misspelt field name or kind, say, and the known one closest to it. */
function hintFor(issue: z.core.$ZodIssue, root: unknown, format: z.core.$ZodType): string | undefined {
  if (issue.code === 'unrecognized_keys') {
    const pairs = issue.keys.flatMap((key) => {
      const found = closest(key, knownFieldNames(format));
      return found ? [{ key, found }] : [];
    });
    if (pairs.length === 0) return undefined;
    if (issue.keys.length === 1) return `did you mean "${pairs[0]?.found}"?`;
    return `did you mean ${pairs.map(({ key, found }) => `"${found}" for "${key}"`).join(', ')}?`;
  }
  if (issue.code === 'invalid_union' && 'discriminator' in issue && typeof issue.discriminator === 'string') {
    // zod keeps no input in its final issues: the value is looked up in what was parsed
    const path = issue.path.at(-1) === issue.discriminator ? issue.path : [...issue.path, issue.discriminator];
    const value = valueAt(root, path);
    const listed: unknown = 'options' in issue ? issue.options : [];
    if (typeof value === 'string' && Array.isArray(listed)) return didYouMean(value, listed.map(String));
  }
  return undefined;
}

/**
 * The issues as problems; given the input that was parsed, with hints for misspelt names, taken
 * from the format's schema.
 */
export function fromZodIssues(issues: readonly z.core.$ZodIssue[], input: unknown, format: z.core.$ZodType): Problem[] {
  return issues.map((issue) => {
    const hint = hintFor(issue, input, format);
    return {
      path: issue.path.filter((key): key is string | number => typeof key !== 'symbol'),
      message: issue.message,
      ...(hint ? { hint } : {}),
    };
  });
}
