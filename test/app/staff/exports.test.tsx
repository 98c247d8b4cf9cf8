// Exports in the console against a real register: the CSV and the JSON it downloads are the
// register's, with the filters typed; a questionnaire the register does not have is said and the
// filters stay; each download is in the audit trail.
import { screen } from '@testing-library/react';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import type { TestRegister } from '../../server/setup.js';
import { renderConsole, startRegister, storeSubmission } from './console-fixture.js';

vi.setConfig({ testTimeout: 30_000 });

let register: TestRegister;
/** What the console handed to the browser as downloads: the file's name and its content. */
let downloads: { name: string; blob: Blob }[];
beforeEach(async () => {
  register = await startRegister();
  downloads = [];
  // jsdom makes no object URLs and does not download: the blob and the link's name are caught here.
  const blobs = new Map<string, Blob>();
  vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
    const url = `blob:test/${blobs.size}`;
    blobs.set(url, blob as Blob);
    return url;
  });
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    downloads.push({ name: this.download, blob: blobs.get(this.href) ?? new Blob() });
  });
});
afterEach(async () => {
  vi.restoreAllMocks();
  await register.close();
});

test("the CSV for one patient reference and the JSON for all are the register's; each says what it did and is audited", async () => {
  const first = await storeSubmission(register, { patientRef: 'pseudo-e1' });
  const second = await storeSubmission(register, { patientRef: 'pseudo-e2' });
  const { user } = renderConsole(register, '#/exports');
  expect(await screen.findByRole('heading', { level: 1, name: 'Exports' })).toHaveFocus();

  await user.type(screen.getByLabelText('Patient reference'), 'pseudo-e1');
  await user.click(screen.getByRole('button', { name: 'Download CSV' }));
  expect(await screen.findByRole('status')).toHaveTextContent('The export submissions.csv is downloaded.');
  expect(downloads.map((d) => d.name)).toEqual(['submissions.csv']);
  const csv = await downloads[0]?.blob.text();
  expect(csv).toContain(first.submissionId);
  expect(csv).not.toContain(second.submissionId);
  expect(csv?.split('\n')[0]).toContain('mood_overall');

  await user.clear(screen.getByLabelText('Patient reference'));
  await user.click(screen.getByRole('button', { name: 'Download JSON' }));
  expect(await screen.findByRole('status')).toHaveTextContent('The export submissions.json is downloaded.');
  const json = JSON.parse((await downloads[1]?.blob.text()) ?? '{}') as { submissions: { submissionId: string; patientRef: string }[] };
  expect(json.submissions.map((s) => s.patientRef).sort()).toEqual(['pseudo-e1', 'pseudo-e2']);

  const trail = (await register.staff('GET', '/api/staff/audit')).json.entries as { action: string; patientRef: string | null }[];
  expect(trail.filter((entry) => entry.action.startsWith('export.'))).toEqual([
    expect.objectContaining({ action: 'export.json', patientRef: null }),
    expect.objectContaining({ action: 'export.csv', patientRef: 'pseudo-e1' }),
  ]);
});

test('a questionnaire the register does not have is said, nothing is downloaded, and the filters stay', async () => {
  await storeSubmission(register, { patientRef: 'pseudo-e3' });
  const { user } = renderConsole(register, '#/exports');
  await user.type(await screen.findByLabelText('Patient reference'), 'pseudo-e3');
  await user.type(screen.getByLabelText('Questionnaire (id@version)'), 'no-such@9');
  await user.click(screen.getByRole('button', { name: 'Download CSV' }));
  expect(await screen.findByRole('alert')).toHaveTextContent('The register does not have this questionnaire.');
  expect(downloads).toEqual([]);
  expect(screen.getByLabelText('Questionnaire (id@version)')).toHaveValue('no-such@9');
  expect(screen.getByLabelText('Patient reference')).toHaveValue('pseudo-e3');

  // Put right, the same form downloads, and the message goes.
  await user.clear(screen.getByLabelText('Questionnaire (id@version)'));
  await user.type(screen.getByLabelText('Questionnaire (id@version)'), 'demo-wellbeing@1');
  await user.click(screen.getByRole('button', { name: 'Download CSV' }));
  expect(await screen.findByRole('status')).toHaveTextContent('The export submissions.csv is downloaded.');
  expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  expect(await downloads[0]?.blob.text()).toContain('pseudo-e3');
});
