// Shared by the parse-definition tests: the small form they edit, and a text in nb and en.
import { fixtureJson } from './fixtures.js';

export const smallForm = () => fixtureJson('accepted/small-form.json');
export const text = (nb: string, en = nb) => ({ nb, en });
