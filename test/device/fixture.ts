// A small questionnaire for the device tests: a choice, a conditional follow-up, a required number
// and an optional text; and the databases the tests open.
import { type DefinitionInput, type ParsedDefinition } from '../../src/core/index.js';
import { parseDefinition } from '../../src/core/parse-definition.js';
import { DeviceDatabase } from '../../src/device/index.js';

const text = (words: string) => ({ nb: words, en: words });

export function testDefinitionInput(overrides: Partial<DefinitionInput> = {}): DefinitionInput {
  return {
    id: 'device-test',
    version: '1',
    languages: ['nb', 'en'],
    title: text('Device test'),
    license: 'Test wording',
    source: { citation: 'Written for the device tests' },
    items: [
      {
        id: 'mood',
        kind: 'single-choice',
        text: text('How are you?'),
        options: [
          { code: 'good', text: text('Good') },
          { code: 'bad', text: text('Bad') },
        ],
      },
      {
        id: 'details',
        kind: 'group',
        items: [
          {
            id: 'worse',
            kind: 'yes-no',
            text: text('Worse than last week?'),
            visibleWhen: { op: 'equals', item: 'mood', value: 'bad' },
          },
          { id: 'age', kind: 'integer', text: text('Age'), min: 0, max: 120 },
          { id: 'comment', kind: 'text', text: text('Anything else?'), required: false },
        ],
      },
    ],
    ...overrides,
  };
}

export function parsed(input: unknown = testDefinitionInput()): ParsedDefinition {
  const result = parseDefinition(input);
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('; '));
  const { definition, hash, key } = result;
  return { definition, hash, key };
}

/** A database of its own, as if on a device of its own. */
export function freshDatabase(): DeviceDatabase {
  return new DeviceDatabase(`test-${crypto.randomUUID()}`);
}

/** The same database opened again, as after a reload or in a second tab. */
export function reopen(db: DeviceDatabase): DeviceDatabase {
  return new DeviceDatabase(db.name);
}

const opened: DeviceDatabase[] = [];

/** `db`, to be closed by closeTracked after the test. */
export function track(db: DeviceDatabase): DeviceDatabase {
  opened.push(db);
  return db;
}

/** Closes every database tracked since the last call (in afterEach). */
export function closeTracked(): void {
  for (const db of opened.splice(0)) db.close();
}
