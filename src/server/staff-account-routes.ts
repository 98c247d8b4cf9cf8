// Accounts, for administrators: list; create (with a one-time link for the person to set their
// password); change display name, roles, units, disabled, whether a second factor is required;
// reset (a new link); reset the second factor (a lost phone). Disabling and resetting the second
// factor end the account's sessions. The last enabled administrator cannot be disabled or lose the
// role, so the register is never left without one.
import { randomUUID } from 'node:crypto';
import { ApiError, registerApi, type StaffAccount, type StaffRole, type UpdateAccountRequest } from '../core/index.js';
import type { Route } from './endpoint-route.js';
import { ApiFailure } from './errors.js';
import { principalOf } from './staff-access.js';
import { createLink } from './staff-links.js';
import type { StaffServices } from './staff-services.js';
import { foldUsername } from './staff-sign-in.js';
import type { StaffAccountRecord } from './store/staff-store.js';
import type { RegisterStore } from './store/store.js';

export function accountView(account: StaffAccountRecord): StaffAccount {
  return {
    id: account.id,
    username: account.username,
    displayName: account.displayName,
    roles: [...account.roles],
    units: [...account.units],
    isDisabled: account.disabledAt !== null,
    requireTotp: account.requireTotp,
    hasTotp: account.totpSecret !== null,
    hasPassword: account.passwordHash !== null,
    createdAt: account.createdAt,
  };
}

function checkRolesAndUnits(roles: readonly StaffRole[], units: readonly string[]): void {
  if (roles.includes('clinician') && units.length === 0)
    throw new ApiFailure(ApiError.badRequest, 'A clinician needs at least one unit', ['units: at least one for a clinician']);
}

const isEnabledAdmin = (account: StaffAccountRecord) => account.roles.includes('admin') && account.disabledAt === null;

function changed(account: StaffAccountRecord, body: UpdateAccountRequest, at: string): StaffAccountRecord {
  return {
    ...account,
    ...(body.displayName !== undefined ? { displayName: body.displayName } : {}),
    ...(body.roles !== undefined ? { roles: [...new Set(body.roles)] } : {}),
    ...(body.units !== undefined ? { units: [...new Set(body.units)] } : {}),
    ...(body.requireTotp !== undefined ? { requireTotp: body.requireTotp } : {}),
    ...(body.disabled !== undefined ? { disabledAt: body.disabled ? (account.disabledAt ?? at) : null } : {}),
  };
}

export function accountRoutes(route: Route, store: RegisterStore, { audit, now, publicUrl }: StaffServices): void {
  const found = async (id: string) => {
    const account = await store.staff.getAccount(id);
    if (!account) throw new ApiFailure(ApiError.notFound, 'There is no such account');
    return account;
  };

  route(registerApi.listAccounts, async (_input, request) => {
    const accounts = await store.staff.listAccounts();
    await audit.record(principalOf(request), { action: 'accounts.list', objects: { count: accounts.length } }, request);
    return { accounts: accounts.map(accountView) };
  });

  route(registerApi.createAccount, async ({ body }, request, reply) => {
    checkRolesAndUnits(body.roles, body.units);
    const at = now();
    const account: StaffAccountRecord = {
      ...{ id: randomUUID(), username: foldUsername(body.username), displayName: body.displayName, passwordHash: null },
      ...{
        roles: [...new Set(body.roles)],
        units: [...new Set(body.units)],
        disabledAt: null,
        totpSecret: null,
        totpPendingSecret: null,
        totpLastStep: null,
      },
      ...{ requireTotp: body.requireTotp ?? false, oidcSubject: null, createdAt: at.toISOString(), passwordChangedAt: null },
    };
    const event = { action: 'accounts.create', objects: { accountId: account.id, username: account.username, roles: account.roles } };
    const setupLink = await audit.around(request, event, async () => {
      if (!(await store.staff.insertAccount(account))) throw new ApiFailure(ApiError.usernameTaken, 'An account has this username already');
      return createLink(store, account.id, 'setup', at, publicUrl);
    });
    return reply.code(201).send({ account: accountView(account), setupLink });
  });

  route(registerApi.updateAccount, async ({ params, body }, request) => {
    const event = { action: 'accounts.update', objects: { accountId: params.id, changes: Object.keys(body) } };
    const updated = await audit.around(request, event, async () => {
      const account = await found(params.id);
      const at = now().toISOString();
      const next = changed(account, body, at);
      checkRolesAndUnits(next.roles, next.units);
      if (isEnabledAdmin(account) && !isEnabledAdmin(next) && (await store.staff.listAccounts()).filter(isEnabledAdmin).length <= 1)
        throw new ApiFailure(ApiError.badRequest, 'The last administrator cannot be disabled or lose the role', ['roles: the last admin']);
      await store.staff.updateAccount(next);
      if (next.disabledAt !== null && account.disabledAt === null) await store.staff.endSessions({ accountId: account.id }, at);
      return next;
    });
    return { account: accountView(updated) };
  });

  route(registerApi.resetAccount, async ({ params }, request) => {
    const setupLink = await audit.around(request, { action: 'accounts.reset', objects: { accountId: params.id } }, async () => {
      const account = await found(params.id);
      return createLink(store, account.id, 'reset', now(), publicUrl);
    });
    return { setupLink };
  });

  // A lost phone: the second factor goes, and with it every session that passed it; the person signs
  // in with the password and, where a second factor is required, enrols a new one before anything else.
  route(registerApi.resetAccountTotp, async ({ params }, request) => {
    const account = await audit.around(request, { action: 'accounts.resetTotp', objects: { accountId: params.id } }, async () => {
      if (!(await store.staff.clearTotp(params.id))) throw new ApiFailure(ApiError.notFound, 'There is no such account');
      await store.staff.endSessions({ accountId: params.id }, now().toISOString());
      return found(params.id);
    });
    request.log.info({ accountId: account.id }, 'staff second factor reset');
    return { account: accountView(account) };
  });
}
