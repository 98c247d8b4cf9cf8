// The staff console's contract for contact details: set, replaced and removed through the API,
// refused without repeating the value, shown masked, sealed at rest, and a replaced contact's
// messages stopped while the new one gets the open window's invitation. And the plans listed.
import { describe, expect, it } from 'vitest';
import { plansResponse } from '../../src/core/index.js';
import { expectCountedRefusal } from './counted-refusal.js';
import { detailOf, enrolWith, runDays, useMessagesRegister, world } from './scheduler-messages-fixture.js';

useMessagesRegister();

const setContact = (id: string, body: unknown) => world.register.staff('POST', `/api/plan-enrolments/${id}/contact`, body);

describe('contact details through the staff API', () => {
  it('sets, replaces and removes them; staff see them masked, the database holds them sealed', async () => {
    const { id } = await enrolWith({ patientRef: 'k-1', plan: 'ect', enrolledAt: '2027-02-01T07:00:00Z', email: 'ola@example.org' });
    await runDays('2027-02-01', '2027-02-01');
    expect((await detailOf(id)).contact).toEqual({
      email: 'o•••@example.org',
      mobile: null,
      language: 'nb',
      stoppedAt: null,
      stoppedBy: null,
    });
    world.clock.now = new Date('2027-02-01T15:00:00Z');
    const replaced = await setContact(id, { mobile: '+47 912 34 567', language: 'en' });
    expect(replaced.status, replaced.body).toBe(200);
    const detail = await detailOf(id);
    expect(detail.contact).toEqual({ email: 'o•••@example.org', mobile: '•••• ••67', language: 'en', stoppedAt: null, stoppedBy: null });
    expect(detail.language).toBe('en');
    // The first contact's reminder stopped; the new contact is invited on both channels at the next run.
    expect(detail.messages.map((m) => [m.kind, m.channel, m.status, m.reason])).toEqual([
      ['invitation', 'email', 'sent', null],
      ['reminder', 'email', 'stopped', 'contactReplaced'],
    ]);
    world.clock.now = new Date('2027-02-01T16:00:00Z');
    expect((await world.register.runScheduler(world.clock.now)).queued).toBe(4);
    const raw = JSON.stringify(
      await world.register.store.messages.getContact((await world.register.store.getPlanEnrolment(id))?.contactId ?? ''),
    );
    expect(raw).not.toContain('ola@example.org');
    expect(raw).not.toContain('91234567');
    const removed = await setContact(id, { email: null, mobile: null });
    expect(removed.status).toBe(200);
    expect((await detailOf(id)).contact).toBeNull();
  }, 60_000);

  it('refuses an unusable address or number, naming the field and not the value', async () => {
    const { id } = await enrolWith({ patientRef: 'k-2', plan: 'ect' });
    const email = await setContact(id, { email: 'ola(at)example' });
    expectCountedRefusal('plans', 'unusable e-mail address', email, 400, 'badRequest');
    expect(email.json.details).toEqual(['email']);
    expect(email.body).not.toContain('ola(at)example');
    const mobile = await setContact(id, { mobile: '12-ab-99-cd' });
    expectCountedRefusal('plans', 'unusable mobile number', mobile, 400, 'badRequest');
    expect(mobile.json.details).toEqual(['mobile']);
    const atEnrolment = await world.register.staff('POST', '/api/plan-enrolments', {
      patientRef: 'k-3',
      plan: 'ect',
      unit: 'unit-a',
      language: 'nb',
      email: 'not an address',
    });
    expectCountedRefusal('plans', 'unusable e-mail address at enrolment', atEnrolment, 400, 'badRequest');
    expect((await detailOf(id)).contact).toBeNull();
  });

  it('lists the plans with their time points, events and settings', async () => {
    const response = await world.register.staff('GET', '/api/plans');
    const { plans } = plansResponse.parse(response.json);
    expect(plans.map((p) => p.key)).toEqual(['ect@2', 'kvarus@2', 'norspis@2']);
    const kvarus = plans.find((p) => p.id === 'kvarus');
    expect(kvarus?.settings.map((s) => [s.id, s.default])).toEqual([
      ['interval', { weeks: 6 }],
      ['answerWindow', { days: 14 }],
    ]);
    expect(kvarus?.timePoints.map((t) => t.id)).toEqual(['basis', 'malepunkt', 'avslutning', 'oppfolging-12m']);
    expect(kvarus?.title.nn).toBe('KVARUS: behandlingsforløp i TSB');
  });
});
