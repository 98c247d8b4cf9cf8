// The patient's birth month and sex on a plan enrolment (register data for iso-BMI): given at
// enrolment, set, corrected and removed through POST /api/plan-enrolments/:id/subject (also once the
// enrolment has ended), refused when not a real month from 1900 to this month, audited like every read
// and change of an enrolment, and never written to the log.
import { describe, expect, it } from 'vitest';
import { auditResponse, currentBirthMonth, planEnrolmentDetailResponse } from '../../src/core/index.js';
import { expectCountedRefusal } from './counted-refusal.js';
import { enrol, register, usePlanRegister } from './plan-fixture.js';

usePlanRegister();

const setSubject = (id: string, body: unknown) => register.staff('POST', `/api/plan-enrolments/${id}/subject`, body);
const detailOf = async (id: string) => {
  const response = await register.staff('GET', `/api/plan-enrolments/${id}`);
  expect(response.status, response.body).toBe(200);
  return planEnrolmentDetailResponse.parse(response.json).enrolment;
};
const refused = (name: string, response: { status: number; json: Record<string, unknown> }, status: number, code: string) =>
  expectCountedRefusal('plan subject', name, response, status, code);

describe('birth month and sex on an enrolment', () => {
  it('are given at enrolment, kept, and shown in the list and in the detail; without them both are null', async () => {
    const given = await enrol({ patientRef: 'p-1', plan: 'norspis', birthMonth: '2011-04', sex: 'female' });
    expect([given.birthMonth, given.sex]).toEqual(['2011-04', 'female']);
    expect(await detailOf(given.id)).toMatchObject({ birthMonth: '2011-04', sex: 'female' });
    const without = await enrol({ patientRef: 'p-2', plan: 'norspis' });
    expect([without.birthMonth, without.sex]).toEqual([null, null]);
    const listed = await register.staff('GET', '/api/plan-enrolments?patientRef=p-1');
    expect(listed.json).toMatchObject({ enrolments: [{ birthMonth: '2011-04', sex: 'female' }] });
  });

  it('are set, corrected one at a time (what is left out is kept), and removed with null, also after the end', async () => {
    const { id } = await enrol({ patientRef: 'p-1', plan: 'norspis' });
    const set = await setSubject(id, { birthMonth: '2010-11', sex: 'male' });
    expect(set.status, set.body).toBe(200);
    expect(planEnrolmentDetailResponse.parse(set.json).enrolment).toMatchObject({ birthMonth: '2010-11', sex: 'male' });
    expect((await setSubject(id, { sex: 'female' })).status).toBe(200);
    expect(await detailOf(id)).toMatchObject({ birthMonth: '2010-11', sex: 'female' });
    expect((await register.staff('POST', `/api/plan-enrolments/${id}/end`)).status).toBe(200);
    expect((await setSubject(id, { birthMonth: '2010-12' })).status).toBe(200);
    expect(await detailOf(id)).toMatchObject({ birthMonth: '2010-12', sex: 'female' });
    expect((await setSubject(id, { birthMonth: null, sex: null })).status).toBe(200);
    expect(await detailOf(id)).toMatchObject({ birthMonth: null, sex: null });
    expect(await register.store.getPlanEnrolment(id)).toMatchObject({ birthMonth: null, sex: null });
  });

  it('refuses a month that is not real, before 1900 or in the future, a sex it does not know, and an unknown enrolment', async () => {
    const { id } = await enrol({ patientRef: 'p-1', plan: 'norspis', birthMonth: '2011-04', sex: 'female' });
    const [year = '', month = ''] = currentBirthMonth().split('-');
    const nextMonth = Number(month) === 12 ? `${Number(year) + 1}-01` : `${year}-${String(Number(month) + 1).padStart(2, '0')}`;
    for (const [name, body] of [
      ['month 13', { birthMonth: '2011-13' }],
      ['month 00', { birthMonth: '2011-00' }],
      ['a whole date', { birthMonth: '2011-04-15' }],
      ['before 1900', { birthMonth: '1899-12' }],
      ['next month', { birthMonth: nextMonth }],
      ['unknown sex', { sex: 'unknown' }],
      ['unknown field', { birthDate: '2011-04-15' }],
    ] as const)
      refused(name, await setSubject(id, body), 400, 'badRequest');
    refused(
      'at enrolment: future',
      await register.staff('POST', '/api/plan-enrolments', {
        patientRef: 'p-3',
        plan: 'norspis',
        unit: 'unit-a',
        language: 'nb',
        birthMonth: nextMonth,
      }),
      400,
      'badRequest',
    );
    refused('unknown enrolment', await setSubject('nope', { sex: 'male' }), 404, 'notFound');
    // This month and January 1900 are taken.
    expect((await setSubject(id, { birthMonth: currentBirthMonth() })).status).toBe(200);
    expect((await setSubject(id, { birthMonth: '1900-01' })).status).toBe(200);
    expect(await detailOf(id)).toMatchObject({ birthMonth: '1900-01', sex: 'female' });
  });

  it('every change is audited with the enrolment and patient; the log names the fields, never the values', async () => {
    const { id } = await enrol({ patientRef: 'p-audit', plan: 'norspis', birthMonth: '2009-07', sex: 'male' });
    expect((await setSubject(id, { birthMonth: '2009-08' })).status).toBe(200);
    const audit = auditResponse.parse((await register.staff('GET', '/api/staff/audit?patientRef=p-audit')).json);
    expect(audit.entries.map((entry) => [entry.action, entry.result])).toEqual([
      ['planEnrolments.subject', 'ok'],
      ['planEnrolments.create', 'ok'],
    ]);
    expect(audit.entries[0]).toMatchObject({ unit: 'unit-a', objects: { planEnrolmentId: id } });
    const logs = register.logs.join('');
    expect(logs).toContain('plan subject set');
    for (const value of ['2009-07', '2009-08']) {
      expect(logs).not.toContain(value);
      expect(JSON.stringify(audit)).not.toContain(value);
    }
  });
});
