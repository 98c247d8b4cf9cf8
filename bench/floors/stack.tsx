// Load floor 3, the design card's stack: the bare React page (page-view.tsx), drawn once the page has
// done what any app on this stack does before its first question, with nothing of ours: fetch the
// page's data as JSON and check it with zod, open IndexedDB with Dexie and read from it, and start
// i18next (react-i18next) with the interface's words, which the page then takes from it. What it
// costs over the bare React floor is the least an app built on this stack pays to show a question
// from data it fetches and keeps (issue 19's load target is measured against both).
import '../../src/app/styles.css';
import Dexie from 'dexie';
import i18next from 'i18next';
import { createRoot } from 'react-dom/client';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { z } from 'zod/mini';
import en from '../../src/app/i18n/locales/en.json' with { type: 'json' };
import { answerRow } from './row.js';
import { FloorPageView } from './page-view.js';
import type { FloorPage } from './spec.js';

const words = z.object({
  next: z.string(),
  exit: z.string(),
  optional: z.string(),
  preferNotToAnswer: z.string(),
  progress: z.string(),
  appName: z.string(),
  skip: z.string(),
});
const floorPage: z.ZodMiniType<FloorPage> = z.object({
  title: z.string(),
  heading: z.string(),
  pageOf: z.string(),
  total: z.number(),
  introduction: z.optional(z.string()),
  groupText: z.optional(z.string()),
  items: z.array(
    z.object({
      id: z.string(),
      kind: z.string(),
      question: z.string(),
      optional: z.boolean(),
      help: z.optional(z.string()),
      decline: z.boolean(),
      options: z.array(z.object({ value: z.string(), step: z.optional(z.string()), label: z.optional(z.string()) })),
    }),
  ),
  words,
});

const db = new Dexie('floor-stack');
db.version(1).stores({ responses: 'id, definitionKey', answers: '[responseId+itemId]' });
const responseId = crypto.randomUUID();
const store = (itemId: string, value: string) => void db.table('answers').put(answerRow(responseId, itemId, value));

function StackPage({ page }: { page: FloorPage }) {
  const { t } = useTranslation();
  const shown: FloorPage['words'] = {
    next: t(page.total > 1 ? 'questionnaire.next' : 'questionnaire.toReview'),
    exit: t('questionnaire.exit'),
    optional: t('questionnaire.optional'),
    preferNotToAnswer: t('questionnaire.preferNotToAnswer'),
    progress: t('questionnaire.progress'),
    appName: t('app.name'),
    skip: t('app.skipToContent'),
  };
  return <FloorPageView page={page} words={shown} store={store} />;
}

const q = new URLSearchParams(location.search).get('q') ?? 'ede-q';
const i18n = i18next.createInstance();
const [page] = await Promise.all([
  fetch(`pages/${q}.json`).then(async (response) => floorPage.parse(await response.json())),
  db.table('responses').where('definitionKey').equals(q).first(),
  i18n.init({ lng: 'en', resources: { en: { translation: en } }, interpolation: { escapeValue: false } }),
]);
createRoot(document.getElementById('root')!).render(
  <I18nextProvider i18n={i18n}>
    <StackPage page={page} />
  </I18nextProvider>,
);
