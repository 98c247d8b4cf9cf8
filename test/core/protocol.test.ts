// The protocol's tables: every error code has one status and a text in every language the app
// speaks; every endpoint has one address; the address of an endpoint with parameters is built right.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import {
  ApiError,
  apiErrorStatus,
  deviceApi,
  endpointUrl,
  isTransientStatus,
  registerApi,
  staffApi,
  planApi,
  staffSessionApi,
  type Endpoint,
} from '../../src/core/index.js';
import { exportApi, indicatorApi } from '../../src/core/protocol/results-endpoints.js';

const codes = Object.values(ApiError);
const locales = ['nb', 'nn', 'en'] as const;

function apiErrorTexts(locale: string): Record<string, unknown> {
  const file = path.join(import.meta.dirname, '../../src/app/i18n/locales', `${locale}.json`);
  const json: unknown = JSON.parse(readFileSync(file, 'utf8'));
  const texts = typeof json === 'object' && json !== null && 'apiError' in json ? json.apiError : undefined;
  if (typeof texts !== 'object' || texts === null) throw new Error(`${locale}.json has no apiError section`);
  return Object.fromEntries(Object.entries(texts));
}

test('every error code has one HTTP status, a refusal (4xx) or a failure at the register (5xx)', () => {
  expect(Object.keys(apiErrorStatus).sort()).toEqual([...codes].sort());
  for (const code of codes) expect(apiErrorStatus[code], code).toSatisfy((status: number) => status >= 400 && status <= 599);
});

test.each(locales)('every error code has a text in %s, and no text is left for a code that is gone', (locale) => {
  const texts = apiErrorTexts(locale);
  for (const code of codes) expect(texts[code], `${locale}: apiError.${code}`).toMatch(/\S/);
  expect(Object.keys(texts).sort()).toEqual([...codes].sort());
});

test('the device retries exactly the codes whose status says the same request may succeed later', () => {
  const retried = codes.filter((code) => isTransientStatus(apiErrorStatus[code]));
  // oidcUnavailable (an identity provider that does not answer) is only ever a staff sign-in's redirect, never a device's answer.
  expect(retried.sort()).toEqual([ApiError.internal, ApiError.rateLimited, ApiError.unavailable, ApiError.oidcUnavailable].sort());
  // And statuses no register code has, from proxies and timeouts.
  expect([408, 502, 504].map(isTransientStatus)).toEqual([true, true, true]);
});

test('every endpoint has its own method and path; staff entries and only they are staff routes', () => {
  const entries = Object.values(registerApi);
  const addresses = entries.map((entry) => `${entry.method} ${entry.path}`);
  expect(new Set(addresses).size).toBe(addresses.length);
  expect(Object.keys(registerApi).sort()).toEqual(
    [
      ...Object.keys(deviceApi),
      ...Object.keys(staffApi),
      ...Object.keys(staffSessionApi),
      ...Object.keys(planApi),
      ...Object.keys(exportApi),
      ...Object.keys(indicatorApi),
      'health',
    ].sort(),
  );
  for (const entry of [...Object.values(staffApi), ...Object.values(planApi), ...Object.values(exportApi), ...Object.values(indicatorApi)])
    expect(entry.isStaff, entry.path).toBe(true);
  // Every staff route names its roles; the console's routes without a session are sign-in and setup.
  const staffEntries: Endpoint[] = [
    ...Object.values(staffApi),
    ...Object.values(staffSessionApi),
    ...Object.values(planApi),
    ...Object.values(exportApi),
    ...Object.values(indicatorApi),
  ];
  for (const entry of staffEntries) if (entry.isStaff) expect(entry.staffRoles?.length, entry.path).toBeGreaterThan(0);
  expect(
    Object.entries(staffSessionApi)
      .filter(([, entry]) => !('isStaff' in entry))
      .map(([name]) => name),
  ).toEqual(expect.arrayContaining(['signIn']));
  for (const entry of [...Object.values(deviceApi), registerApi.health]) expect('isStaff' in entry, entry.path).toBe(false);
  // A GET carries no body; the device's calls have no path parameters (the client uses the path as it is).
  for (const entry of entries) if (entry.method === 'GET') expect('body' in entry, entry.path).toBe(false);
  for (const entry of Object.values(deviceApi)) expect(entry.path, entry.path).not.toContain(':');
});

test('an address fills in path parameters (encoded) and the query', () => {
  expect(endpointUrl(registerApi.releaseOrder, { id: 'a/b c' })).toBe('/api/orders/a%2Fb%20c/release');
  expect(endpointUrl(registerApi.fhirQuestionnaire, { key: 'ede-q@6.0' })).toBe('/api/fhir/Questionnaire/ede-q%406.0');
  expect(endpointUrl(registerApi.exportCsv, {}, { questionnaire: 'ede-q@6.0', patientRef: 'p 1' })).toBe(
    '/api/export.csv?questionnaire=ede-q%406.0&patientRef=p%201',
  );
  expect(endpointUrl(registerApi.claim)).toBe('/api/claim');
  expect(() => endpointUrl(registerApi.releaseOrder)).toThrow('/api/orders/:id/release needs id');
});
