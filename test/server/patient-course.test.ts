// A patient's course for the console (GET /api/staff/patients/:patientRef/course): every score of
// every questionnaire answered, oldest first, with bands, and a clear change from the first value as
// the definition's thresholds judge it; only the caller's units; on both stores.
import { describe, expect, test } from 'vitest';
import type { Answers, ParsedDefinition, PatientCourse } from '../../src/core/index.js';
import { patientCourse } from '../../src/server/patient-course.js';
import { claimed, register, submit, useFreshRegister } from './submissions-fixture.js';
import { payloadFor, sealFor } from './setup.js';

useFreshRegister();

/** Every CIA item answered with the same step: the global score is 16 × step. */
const ciaAll = (step: number): Answers => Object.fromEntries(Array.from({ length: 16 }, (_v, i) => [`q${i + 1}`, { value: step }]));

async function answerCia(step: number, unit = 'Poliklinikk A', patientRef = 'pseudo-course') {
  const { device, order } = await claimed(['cia@3.0'], { unit, patientRef });
  const payload = payloadFor(order, ciaAll(step));
  expect((await submit(await sealFor(device, order, payload))).status).toBe(201);
  return payload.submissionId;
}

describe("a patient's course", () => {
  test('each score over time with its bands, in the language asked for', async () => {
    const first = await answerCia(2);
    const second = await answerCia(1);
    const response = await register.staff('GET', '/api/staff/patients/pseudo-course/course?language=en');
    expect(response.status).toBe(200);
    const course = response.json as unknown as PatientCourse;
    expect(course.questionnaires.map((q) => [q.id, q.title, q.scores.map((s) => s.id)])).toEqual([
      ['cia', expect.any(String), ['global', 'personal', 'social', 'cognitive']],
    ]);
    const global = course.questionnaires[0]?.scores[0];
    expect(global?.bands).toEqual([
      { label: 'Below the clinical cut-off (under 16)', from: null, to: 16 },
      { label: 'Clinically significant impairment (16 or more)', from: 16, to: null },
    ]);
    expect(global?.points.map((p) => [p.submissionId, p.value, p.band, p.measurementPoint])).toEqual([
      [first, 32, 'Clinically significant impairment (16 or more)', 'basis'],
      [second, 16, 'Clinically significant impairment (16 or more)', 'basis'],
    ]);
  });

  test('a clear change from the first value, by the thresholds the definition declares, and the target level', async () => {
    await answerCia(2); // 32
    await answerCia(1); // 16: 16 lower, at least 7
    await answerCia(0); // 0
    // the CIA with thresholds: better lower, a change of 7 either way, the target under 16
    const definitionFor = async (key: string): Promise<ParsedDefinition | undefined> => {
      const parsed = await register.register.definitionFor(key);
      if (!parsed) return undefined;
      const scores = parsed.definition.scores?.map((score) =>
        score.id === 'global'
          ? { ...score, change: { better: 'lower' as const, improvement: { by: 7 }, deterioration: { by: 7 }, remission: { atMost: 15 } } }
          : score,
      );
      return { ...parsed, definition: { ...parsed.definition, ...(scores ? { scores } : {}) } };
    };
    const course = await patientCourse({ store: register.store, definitionFor }, 'pseudo-course', 'all', 'en');
    const global = course.questionnaires[0]?.scores[0];
    expect(global?.better).toBe('lower');
    expect(global?.points.map((p) => [p.value, p.change, p.isRemission])).toEqual([
      [32, null, false],
      [16, 'improved', false],
      [0, 'improved', true],
    ]);
  });

  test("only the caller's units: another unit's answers are not in it", async () => {
    await answerCia(2, 'Poliklinikk A');
    await answerCia(1, 'Sengepost B');
    const context = { store: register.store, definitionFor: register.register.definitionFor };
    const onlyB = await patientCourse(context, 'pseudo-course', ['Sengepost B'], 'nb');
    expect(onlyB.questionnaires[0]?.scores[0]?.points.map((p) => p.value)).toEqual([16]);
    expect((await patientCourse(context, 'pseudo-course', ['Elsewhere'], 'nb')).questionnaires).toEqual([]);
    expect((await patientCourse(context, 'nobody', 'all', 'nb')).questionnaires).toEqual([]);
    expect((await register.app.inject({ method: 'GET', url: '/api/staff/patients/pseudo-course/course' })).statusCode).toBe(401);
  });
});
