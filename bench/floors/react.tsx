// Tap floor 2, the bare React page: the same first question page as bench/floors/bare.ts, drawn by
// React 19 with controlled radios (one memoised component per question, so a tap renders only the
// question answered), and one Dexie put per tap (the app's Dexie). What a tap costs on the stack of
// the design card with nothing of ours on top: no i18n, no session, no live queries, no validation.
import '../../src/app/styles.css';
import Dexie from 'dexie';
import { createRoot } from 'react-dom/client';
import { answerRow } from './row.js';
import { FloorPageView } from './page-view.js';
import type { FloorPage } from './spec.js';

declare const __FLOOR_PAGES__: Record<string, FloorPage>;

const db = new Dexie('floor-react');
db.version(1).stores({ answers: '[responseId+itemId]' });
const responseId = crypto.randomUUID();

const store = (itemId: string, value: string) => void db.table('answers').put(answerRow(responseId, itemId, value));

const page = __FLOOR_PAGES__[new URLSearchParams(location.search).get('q') ?? 'ede-q'];
if (!page) throw new Error('no such floor page');
createRoot(document.getElementById('root')!).render(<FloorPageView page={page} words={page.words} store={store} />);
