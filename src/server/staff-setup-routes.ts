// Setting a password from a one-time link (the first administrator, a new account, a reset), and
// enrolling one's own second factor (TOTP): start gives a secret to scan, confirm takes a code from
// the app and only then makes it the account's.
import { randomUUID } from 'node:crypto';
import { ApiError, registerApi } from '../core/index.js';
import type { Route } from './endpoint-route.js';
import { ApiFailure } from './errors.js';
import { useSetupLink } from './staff-links.js';
import type { StaffServices } from './staff-services.js';
import { sessionAccount } from './staff-sessions.js';
import { currentSession } from './staff-session-current.js';
import { newTotpSecret, otpauthUri, totpStep } from './staff-totp.js';
import type { RegisterStore } from './store/store.js';

export function setupRoutes(route: Route, store: RegisterStore, staff: StaffServices): void {
  const { audit, now, secrets, passwordMinLength, registerName } = staff;

  route(registerApi.setup, async ({ body }, request) => {
    const { account, purpose } = await audit.around(
      request,
      { action: 'accounts.setPassword', objects: { username: body.username } },
      () => useSetupLink({ store, now, passwordMinLength, newId: randomUUID }, body),
      (done) => ({ objects: { accountId: done.account.id, purpose: done.purpose } }),
    );
    request.log.info({ accountId: account.id, purpose }, 'staff password set from a link');
    return { account: sessionAccount(account) };
  });

  route(registerApi.startTotp, async (_input, request) => {
    const { principal, account } = await currentSession(store, request);
    const secret = newTotpSecret();
    await store.staff.updateAccount({ ...account, totpPendingSecret: secrets.seal(secret) });
    await audit.record(principal, { action: 'totp.start', objects: { accountId: account.id } }, request);
    return { secret, otpauthUri: otpauthUri(secret, account.username, registerName) };
  });

  route(registerApi.confirmTotp, async ({ body }, request) => {
    const { principal, account } = await currentSession(store, request);
    const pending = account.totpPendingSecret;
    const step = pending === null ? null : totpStep(secrets.open(pending), body.code, now());
    if (pending === null || step === null) {
      await audit.record(principal, { action: 'totp.confirm', objects: { accountId: account.id }, result: ApiError.badRequest }, request);
      throw new ApiFailure(ApiError.badRequest, 'The code does not match: start again or check the clock of the device', [
        'code: not right',
      ]);
    }
    await store.staff.updateAccount({ ...account, totpSecret: pending, totpPendingSecret: null, totpLastStep: step });
    await audit.record(principal, { action: 'totp.confirm', objects: { accountId: account.id } }, request);
    return { hasTotp: true };
  });
}
