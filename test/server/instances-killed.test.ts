// Several endpoint instances over one PostgreSQL database (see instances-fixture.ts): an instance
// killed (SIGKILL) mid-burst loses nothing it acknowledged.
import { describe, expect, test } from 'vitest';
import { newDevice, payloadFor, sealFor, testStore } from './setup.js';
import { call, claimed, newOrder, staff, useInstances, type Instance } from './instances-fixture.js';

const describeOnPostgres = describe.skipIf(testStore !== 'postgres');

describeOnPostgres('several endpoint instances over one PostgreSQL', () => {
  const { instances, startInstance } = useInstances();

  test('an instance killed mid-burst while the other goes on: no acknowledged submission is lost', async () => {
    const survivor = instances[1] as Instance;
    const victim = await startInstance();
    // Forty orders (one submission each answers an order's questionnaire), from four devices (each under its per-minute limit).
    const devices = await Promise.all(Array.from({ length: 4 }, () => newDevice()));
    const tokens: string[] = [];
    for (let i = 0; i < 40; i++) {
      const device = devices[i % devices.length] as (typeof devices)[number];
      const claim = await claimed(victim, (await newOrder(survivor)).accessCode, device, '10.5.0.1');
      tokens.push(await sealFor(device, claim, payloadFor(claim)));
    }
    const acknowledged = new Map<string, string>();
    let failedOnVictim = 0;
    let acknowledgedByVictim = 0;
    const send = async (token: string, index: number) => {
      // As the load balancer would: half to each instance; what the killed one did not answer goes to the other.
      const first = index % 2 === 0 ? victim : survivor;
      for (const instance of first === victim ? [victim, survivor] : [survivor]) {
        try {
          const answer = await call(instance, 'POST', '/api/submissions', { token });
          if (answer.status === 200 || answer.status === 201) {
            acknowledged.set(String(answer.json.submissionId), String(answer.json.receipt));
            if (instance === victim) acknowledgedByVictim++;
            return;
          }
          if (instance === victim && answer.status >= 500) {
            failedOnVictim++;
            continue;
          }
          throw new Error(`${answer.status} ${JSON.stringify(answer.json)}`);
        } catch (error) {
          if (instance !== victim) throw error;
          failedOnVictim++;
        }
      }
    };
    const burst = tokens.map((token, index) => new Promise((resolve) => setTimeout(resolve, index * 25)).then(() => send(token, index)));
    // Killed once it has acknowledged a few, with most of the burst still to come.
    await expect
      .poll(() => acknowledgedByVictim, {
        interval: 5,
        timeout: 10_000,
        message: 'the instance to be killed acknowledges three submissions of the burst',
      })
      .toBeGreaterThanOrEqual(3);
    victim.process.kill('SIGKILL');
    await Promise.all(burst);

    // Killed mid-burst: it had acknowledged some, and some it never answered.
    expect(acknowledgedByVictim).toBeGreaterThan(0);
    expect(failedOnVictim).toBeGreaterThan(0);
    expect(acknowledged.size).toBe(tokens.length);
    const stored = (
      (await staff(survivor, 'GET', '/api/submissions')).json.submissions as {
        submissionId: string;
        receipt: string;
      }[]
    ).filter((submission) => acknowledged.has(submission.submissionId));
    // Every one acknowledged is stored once, with the receipt the device was given.
    expect(stored.length).toBe(tokens.length);
    expect(new Map(stored.map((s) => [s.submissionId, s.receipt]))).toEqual(acknowledged);
    expect((await fetch(`${survivor.url}/api/health`)).status).toBe(200);
  }, 60_000);
});
