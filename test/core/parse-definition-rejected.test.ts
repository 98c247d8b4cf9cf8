// What an author is told about definitions that are not accepted, each problem at its JSON path.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { definitionsFolder, edited, fixtureJson, problemsOf } from './fixtures.js';
import { smallForm } from './parse-definition-fixtures.js';
import { ruleRejections } from './parse-definition-rule-rejections.js';
import { shapeRejections } from './parse-definition-shape-rejections.js';

const rejections = [...shapeRejections, ...ruleRejections];

describe('rejected definitions', () => {
  it.each(rejections)('rejects $name', ({ edits, problems }) => {
    expect(problemsOf(edited(smallForm(), ...edits))).toEqual(problems);
  });

  it('rejects what is not an object at all', () => {
    expect(problemsOf([])).toEqual([{ path: '$', message: 'expected an object, found a list' }]);
    expect(problemsOf(null)).toEqual([{ path: '$', message: 'expected an object, found null' }]);
  });

  const scenarios: Record<string, { path: string; message: string }[]> = {
    'rejected/broken-references.json': [
      { path: '$.items[0].visibleWhen.item', message: '"second" comes later in the form: a condition can only refer to earlier items' },
      { path: '$.items[1].optionSet', message: 'there is no option set "moods" in "optionSets"' },
      { path: '$.items[3].visibleWhen.conditions[0].item', message: '"note" is a display text and has no answer' },
      { path: '$.items[3].visibleWhen.conditions[1].item', message: 'there is no item "ghost"' },
      { path: '$.items[3].visibleWhen.conditions[2].condition.item', message: 'a condition cannot refer to its own item "third"' },
    ],
    'rejected/texts-and-duplicates.json': [
      { path: '$.optionSets.agree[1].code', message: 'the option code "yes" is used twice' },
      { path: '$.items[0].title', message: 'the "nn" text is missing' },
      {
        path: '$.items[0].items[0].text.de',
        message: '"de" is not among the definition\'s languages (nb, nn): add it to "languages" or remove this text',
      },
      { path: '$.items[0].items[1].id', message: 'the id "q1" is already used at $.items[0].items[0].id' },
    ],
  };

  it.each(Object.entries(scenarios))('reports every problem in %s', (name, expected) => {
    const problems = problemsOf(fixtureJson(name));
    expect(problems).toHaveLength(expected.length);
    expect(problems).toEqual(expect.arrayContaining(expected));
  });

  it('has a scenario for every rejected fixture', () => {
    const names = readdirSync(`${definitionsFolder}rejected`).map((name) => `rejected/${name}`);
    expect([...Object.keys(scenarios), 'rejected/not-json.json'].sort()).toEqual(names.sort());
  });
});
