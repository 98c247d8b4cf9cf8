// What the orders*.test.ts files share: a fresh register for each test and a count of its orders.
import { register } from './fresh-register-fixture.js';

export { register, useFreshRegister } from './fresh-register-fixture.js';

export const orderCount = async () => (await register.store.listOrders({})).length;
export const inOneDay = () => new Date(Date.now() + 86_400_000).toISOString();
