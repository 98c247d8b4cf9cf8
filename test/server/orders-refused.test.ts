// Refused orders store nothing: neither the order nor a snapshot of its definition.
import { describe, expect, test } from 'vitest';
import { inOneDay, orderCount, register, useFreshRegister } from './orders-fixture.js';

useFreshRegister();

describe('creating orders', () => {
  test.each([
    ['without a staff token', undefined, 401, 'unauthorized'],
    ['with a national identity number as reference', { patientRef: '010190 12345' }, 400, 'patientRefLooksLikeNationalId'],
    ['with a D-number written with dots', { patientRef: '41.01.90.123.45' }, 400, 'patientRefLooksLikeNationalId'],
    ['for a questionnaire the register does not have', { questionnaires: ['nope@1'] }, 400, 'unknownQuestionnaire'],
    ['when only the second questionnaire is unknown', { questionnaires: ['demo-wellbeing@1', 'nope@1'] }, 400, 'unknownQuestionnaire'],
    ['with a questionnaire not written as id@version', { questionnaires: ['demo-wellbeing'] }, 400, 'badRequest'],
    ['with a missing validity', { validUntil: undefined }, 400, 'badRequest'],
    ['ending before it begins', { validFrom: '2030-02-01T00:00:00Z', validUntil: '2030-01-01T00:00:00Z' }, 400, 'badRequest'],
    ['with a field the API does not have', { nationalId: 'x' }, 400, 'badRequest'],
  ])('refuses an order %s, and stores nothing', async (_name, change, status, code) => {
    const body = { patientRef: 'p1', questionnaires: ['demo-wellbeing@1'], measurementPoint: 'basis', validUntil: inOneDay(), ...change };
    const response = change === undefined ? await register.post('/api/orders', body) : await register.staff('POST', '/api/orders', body);
    expect([response.status, response.json.error]).toEqual([status, code]);
    expect(await orderCount()).toBe(0);
    expect(await register.store.getDefinition('demo-wellbeing@1')).toBeUndefined();
  });

  test('a wrong staff token is refused before the body is read', async () => {
    const response = await register.app.inject({
      method: 'POST',
      url: '/api/orders',
      headers: { authorization: 'Bearer not-the-staff-token-at-all-0000', 'content-type': 'application/json' },
      payload: '{ this is not even JSON',
    });
    expect([response.statusCode, response.json().error]).toEqual([401, 'unauthorized']);
  });
});
