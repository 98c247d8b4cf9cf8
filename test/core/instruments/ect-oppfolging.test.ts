// The ECT patient follow-up: memory, effect, information and experience.
import { describe, expect, it } from 'vitest';
import { leafItems, type AnswerableItem } from '../../../src/core/index.js';
import { answerable, codesOf, ect, isVisible } from './kvarus-ect-forms.js';

describe('the ECT follow-up', () => {
  it('rates memory now against before the treatment on 0–6, labelled at 0, 2, 4 and 6, worse upwards', () => {
    const memory = answerable(ect, 'ect_memory') as AnswerableItem & { labels: { value: number; text: Record<string, string> }[] };
    expect(memory).toMatchObject({ kind: 'scale', min: 0, max: 6 });
    expect(memory.labels.map((l) => [l.value, l.text.en])).toEqual([
      [0, 'As good as before, or better'],
      [2, 'A little worse than before'],
      [4, 'Clearly worse than before'],
      [6, 'Much worse than before'],
    ]);
  });

  it('asks what the memory complaints concern only when there are some', () => {
    expect(isVisible(ect, { ect_memory: { value: 0 } }, 'ect_memory_kind')).toBe(false);
    expect(isVisible(ect, { ect_memory: { value: 1 } }, 'ect_memory_kind')).toBe(true);
    expect(answerable(ect, 'ect_memory_kind').required).toBe(false);
  });

  it('has the effect, the information and the treatment experience as single choices', () => {
    expect(codesOf(ect, 'ect_effect')).toEqual(['very-good', 'good', 'some', 'none', 'worse']);
    expect(codesOf(ect, 'ect_informed')).toEqual(['very-good', 'good', 'neither', 'poor', 'very-poor']);
    expect(codesOf(ect, 'ect_experience')).toEqual(['very-good', 'good', 'neither', 'poor', 'very-poor']);
    expect(answerable(ect, 'ect_comment')).toMatchObject({ kind: 'long-text', required: false });
  });

  it('leaves the measurement point to the order: no item asks when the patient answers', () => {
    expect(leafItems(ect).map((l) => l.id)).toEqual([
      'ect_effect',
      'ect_memory',
      'ect_memory_kind',
      'ect_informed',
      'ect_experience',
      'ect_comment',
    ]);
  });
});
