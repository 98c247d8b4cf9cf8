// The staff console's submission detail (GET /api/staff/submissions/:id) and the questionnaires for
// the order form (GET /api/staff/questionnaires); on both stores.
import { describe, expect, test } from 'vitest';
import type { Answers, SubmissionDetail } from '../../src/core/index.js';
import { submissionDetail } from '../../src/server/submission-detail.js';
import { expectCountedRefusal } from './counted-refusal.js';
import { claimed, register, submit, useFreshRegister } from './submissions-fixture.js';
import { payloadFor, sealFor } from './setup.js';

useFreshRegister();

const ciaAnswers: Answers = Object.fromEntries(Array.from({ length: 16 }, (_v, i) => [`q${i + 1}`, { value: 2 }]));

describe('a submission in detail', () => {
  test('every answer with the question as the patient saw it, the notices shown, and the three times', async () => {
    const { device, order } = await claimed(undefined, { unit: 'Poliklinikk A' });
    const payload = {
      ...payloadFor(order, {
        mood_overall: { value: 'poor' },
        worry: { value: 4 },
        good_sleep_days: { value: 20 },
        woke_rested: { value: 'often' },
        felt_lonely: { declined: true },
        had_hard_time: { value: false },
        has_appointment: { value: false },
      }),
      language: 'en',
      noticesShown: ['hard_time'],
    };
    expect((await submit(await sealFor(device, order, payload))).status).toBe(201);
    const response = await register.staff('GET', `/api/staff/submissions/${payload.submissionId}`);
    expect(response.status).toBe(200);
    const detail = response.json as unknown as SubmissionDetail;
    expect(detail).toMatchObject({
      submissionId: payload.submissionId,
      orderId: order.order.id,
      patientRef: 'pseudo-42',
      unit: 'Poliklinikk A',
      questionnaireKey: 'demo-wellbeing@1',
      questionnaireTitle: 'How are you doing?',
      language: 'en',
      startedAt: payload.startedAt,
      completedAt: payload.completedAt,
      receivedAt: expect.any(String),
      notices: [{ id: 'hard_time', title: 'You do not have to face this alone' }],
      scores: [],
    });
    expect(detail.answers[0]).toEqual({
      itemId: 'mood_overall',
      kind: 'single-choice',
      text: 'How have you been over the past week?',
      isDeclined: false,
      value: 'poor',
      optionTexts: ['Poor'],
      unit: null,
    });
    expect(detail.answers.find((a) => a.itemId === 'felt_lonely')).toMatchObject({ isDeclined: true, value: null });
    expect(detail.answers.map((a) => a.itemId)).toEqual(Object.keys(payload.answers));
  });

  test("the register's scores with their bands", async () => {
    const { device, order } = await claimed(['cia@3.0']);
    const payload = payloadFor(order, ciaAnswers);
    expect((await submit(await sealFor(device, order, payload))).status).toBe(201);
    const detail = (await register.staff('GET', `/api/staff/submissions/${payload.submissionId}`)).json as unknown as SubmissionDetail;
    expect(detail.scores[0]).toEqual({
      id: 'global',
      title: 'Global skåre (0–48)',
      value: 32,
      noScoreReason: null,
      band: 'Klinisk betydelig funksjonsnedsettelse (16 eller mer)',
      flags: [],
    });
    expect(detail.answers[0]).toMatchObject({ itemId: 'q1', kind: 'scale', value: 2 });
  });
});

describe('refused', () => {
  test("an unknown submission, and another unit's, are not found", async () => {
    expectCountedRefusal(
      'console',
      'unknown submission',
      await register.staff('GET', '/api/staff/submissions/nothing-here'),
      404,
      'notFound',
    );
    const { device, order } = await claimed(undefined, { unit: 'Sengepost B' });
    const payload = payloadFor(order);
    await submit(await sealFor(device, order, payload));
    const context = { store: register.store, definitionFor: register.register.definitionFor };
    await expect(submissionDetail(context, payload.submissionId, ['Poliklinikk A'])).rejects.toMatchObject({ status: 404 });
    await expect(submissionDetail(context, payload.submissionId, ['Sengepost B'])).resolves.toMatchObject({ unit: 'Sengepost B' });
    const anonymous = await register.app.inject({ method: 'GET', url: `/api/staff/submissions/${payload.submissionId}` });
    expect(anonymous.statusCode).toBe(401);
  });
});

test('the questionnaires new orders may use, with their titles in each language', async () => {
  const response = await register.staff('GET', '/api/staff/questionnaires');
  expect(response.status).toBe(200);
  const { questionnaires } = response.json as { questionnaires: { key: string; title: Record<string, string>; languages: string[] }[] };
  expect(questionnaires).toContainEqual({
    key: 'demo-wellbeing@1',
    title: { nb: 'Hvordan har du det?', nn: 'Korleis har du det?', en: 'How are you doing?' },
    languages: ['nb', 'nn', 'en'],
  });
});
