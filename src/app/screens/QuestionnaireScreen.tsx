// Opens one questionnaire: resumes the response in progress exactly where it was, or shows the
// introduction and starts a new one. One tried out on the device may also be opened at a page
// (#/q/<key>/<n>): no introduction (the first page shows its text too), the response in progress
// moved to that page or a new one started there. A questionnaire of an order comes from the device (stored when
// the order was claimed) and is sealed for the register on completion; one tried out on the device
// comes from the app's catalogue. A definition that is not valid gets an error page, never a blank.
import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { visiblePages, type Answers, type ParsedDefinition, type Problem, type SupportNotice } from '../../core/index.js';
import type { DeviceDatabase } from '../../device/database.js';
import { loadDefinition } from '../../device/definitions.js';
import { getOrder } from '../../device/orders.js';
import {
  findResumableResponse,
  getAnswers,
  listResponses,
  ResponseStatus,
  setPosition,
  newResponse,
  setResponseLanguage,
  storeNewResponse,
  type ResponseRecord,
} from '../../device/responses.js';
import { fetchCatalogue, fetchDefinitionText, MissingFileError, readCatalogueDefinition } from '../catalogue.js';
import { useEarlyQuestionnaire, type EarlyQuestionnaire } from '../early-questionnaire.js';
import { useDevice } from '../device-context.js';
import { DefinitionErrorPage } from '../questionnaire/DefinitionErrorPage.js';
import { Localised } from '../questionnaire/Localised.js';
import { ResponseView } from '../questionnaire/ResponseView.js';
import { SupportNotices } from '../questionnaire/SupportNotices.js';
import { hrefFor, navigate, type Route } from '../routing.js';
import { useSealAndSend } from '../use-seal-and-send.js';

export type QuestionnaireSource =
  | { kind: 'practice'; key: string; /** Opened at this page (from 0), without the introduction. */ page?: number }
  | { kind: 'order'; orderId: string; index: number };

type State =
  | { status: 'loading' }
  | { status: 'failed'; reason: 'network' | 'notFound' }
  | { status: 'invalid'; problems: Problem[] }
  | { status: 'intro'; parsed: ParsedDefinition }
  | {
      status: 'answering';
      parsed: ParsedDefinition;
      response: ResponseRecord;
      answers: Answers;
      /**
       * A new response is drawn while it is stored: settles once it is, with what to show instead
       * (another tab's response started at the same moment) or null to go on. An answer given meanwhile
       * is written after it, as its transaction is queued later.
       */
      stored?: Promise<State | null>;
    }
  | { status: 'done'; parsed?: ParsedDefinition; notices: SupportNotice[] };

async function resume(db: DeviceDatabase, response: ResponseRecord): Promise<State | null> {
  const parsed = await loadDefinition(db, response.definitionKey);
  return parsed ? { status: 'answering', parsed, response, answers: await getAnswers(db, response.id) } : null;
}

/** A response being answered, moved to a page (the last page shown when there are fewer). */
async function atPage(db: DeviceDatabase, state: Extract<State, { status: 'answering' }>, page: number): Promise<State> {
  const pageIndex = Math.min(page, Math.max(visiblePages(state.parsed.definition, state.answers).length - 1, 0));
  const { response } = state;
  if (response.pageIndex === pageIndex && !response.onReview) return state;
  await setPosition(db, response.id, pageIndex, false);
  return { ...state, response: { ...response, pageIndex, onReview: false } };
}

async function openPractice(
  db: DeviceDatabase,
  key: string,
  early: ReturnType<EarlyQuestionnaire['take']>,
  startAt: { page: number; language: string } | null,
): Promise<State> {
  const resumable = await findResumableResponse(db, key);
  const resumed = resumable && (await resume(db, resumable));
  if (resumed?.status === 'answering') return startAt ? atPage(db, resumed, startAt.page) : resumed;
  const entry = (await (early?.catalogue ?? fetchCatalogue())).questionnaires.find((q) => q.key === key);
  if (!entry) return { status: 'failed', reason: 'notFound' };
  const result = await readCatalogueDefinition(entry, await (early ? early.definitionText(entry) : fetchDefinitionText(entry)));
  if (!result.ok) return { status: 'invalid', problems: result.problems };
  if (!startAt) return { status: 'intro', parsed: result };
  const pageIndex = Math.min(startAt.page, Math.max(visiblePages(result.definition, {}).length - 1, 0));
  const response = newResponse(result, startAt.language, null, null, pageIndex);
  // Looked for again in the same transaction, so that opening it twice at once starts one response.
  const stored = storeNewResponse(db, result, response, { unlessResumable: true }).then(async (kept) => {
    if (kept.id === response.id) return null;
    const resumed = await resume(db, kept);
    return resumed?.status === 'answering' ? atPage(db, resumed, startAt.page) : resumed;
  });
  return { status: 'answering', parsed: result, response, answers: {}, stored: settled(stored) };
}

/** Nobody may wait for it (the screen was left at once): a failure is then reported to nobody. */
function settled<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

const failure = (error: unknown): State => ({ status: 'failed', reason: error instanceof MissingFileError ? 'notFound' : 'network' });

async function openFromOrder(db: DeviceDatabase, orderId: string, index: number): Promise<State> {
  const entry = (await getOrder(db, orderId))?.questionnaires[index];
  if (!entry) return { status: 'failed', reason: 'notFound' };
  const resumable = await findResumableResponse(db, entry.key, orderId);
  const resumed = resumable && (await resume(db, resumable));
  if (resumed) return resumed;
  const isCompleted = (await listResponses(db)).some(
    (r) => r.orderId === orderId && r.definitionKey === entry.key && r.status === ResponseStatus.completed,
  );
  if (isCompleted) return { status: 'done', notices: [] };
  const parsed = await loadDefinition(db, entry.key);
  return parsed ? { status: 'intro', parsed } : { status: 'failed', reason: 'notFound' };
}

/** The introduction before a response is started: the title, what it is about, and how many pages. */
function Intro({ parsed, language, onStart }: { parsed: ParsedDefinition; language: string; onStart: () => void }) {
  const { t } = useTranslation();
  const { definition } = parsed;
  return (
    <div className="intro">
      <h1>
        <Localised text={definition.title} definition={definition} language={language} />
      </h1>
      {definition.introduction && (
        <p>
          <Localised text={definition.introduction} definition={definition} language={language} />
        </p>
      )}
      {definition.notices && <p>{t('welcome.notMonitored')}</p>}
      <p className="hint">{t('questionnaire.pageOf', { current: 1, total: visiblePages(definition, {}).length })}</p>
      <div className="actions">
        <button type="button" className="primary" onClick={onStart}>
          {t('home.start')}
        </button>
      </div>
    </div>
  );
}

function LoadFailed({ reason, name, home, onRetry }: { reason: 'network' | 'notFound'; name: string; home: Route; onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="message">
      <h1>{reason === 'notFound' ? t('questionnaire.notFound', { key: name }) : t('questionnaire.loadFailed')}</h1>
      <div className="actions">
        {reason === 'network' && (
          <button type="button" className="primary" onClick={onRetry}>
            {t('common.retry')}
          </button>
        )}
        <a className="button secondary" href={hrefFor(home)}>
          {home.name === 'order' ? t('order.toOrder') : t('questionnaire.toHome')}
        </a>
      </div>
    </div>
  );
}

function Done({ state, language, home }: { state: Extract<State, { status: 'done' }>; language: string; home: Route }) {
  const { t } = useTranslation();
  const isOrder = home.name === 'order';
  return (
    <div className="message" role="status">
      <h1>{t('done.title')}</h1>
      <p>{isOrder ? t('sealed.body') : t('done.body')}</p>
      {state.parsed && <SupportNotices notices={state.notices} definition={state.parsed.definition} language={language} />}
      <a className="button primary" href={hrefFor(home)}>
        {isOrder ? t('order.toOrder') : t('questionnaire.toHome')}
      </a>
    </div>
  );
}

/** A response drawn before it was stored: what to show once it is, and a failure to store it said as one to open it. */
function useStored(state: State, setState: (next: State) => void) {
  const stored = state.status === 'answering' ? state.stored : undefined;
  useEffect(() => {
    if (!stored) return;
    let isCurrent = true;
    stored.then(
      (next) => isCurrent && next && setState(next),
      (error: unknown) => isCurrent && setState(failure(error)),
    );
    return () => {
      isCurrent = false;
    };
  }, [stored, setState]);
}

/**
 * Records the language the person reads the questionnaire in, so the register knows which text they saw:
 * when it is not the one the response holds already (not on opening one started in it, as every new one is).
 */
function useRecordedLanguage(db: DeviceDatabase, state: State, language: string) {
  const responseId = state.status === 'answering' ? state.response.id : null;
  const responseLanguage = state.status === 'answering' ? state.response.language : null;
  const recorded = useRef<{ responseId: string; language: string | null } | null>(null);
  useEffect(() => {
    if (!responseId) return;
    const known = recorded.current?.responseId === responseId ? recorded.current.language : responseLanguage;
    if (known === language) return;
    recorded.current = { responseId, language };
    void setResponseLanguage(db, responseId, language).catch(() => undefined);
  }, [db, responseId, responseLanguage, language]);
}

export function QuestionnaireScreen({ source }: { source: QuestionnaireSource }) {
  const { t, i18n } = useTranslation();
  const db = useDevice();
  const sealAndSend = useSealAndSend();
  const early = useEarlyQuestionnaire();
  const language = i18n.language;
  const [state, setState] = useState<State>({ status: 'loading' });
  // A response started at a page is in the language read then; changing it later does not open the questionnaire again.
  const languageRef = useRef(language);
  useEffect(() => {
    languageRef.current = language;
  }, [language]);
  const orderId = source.kind === 'order' ? source.orderId : null;
  const orderIndex = source.kind === 'order' ? source.index : null;
  const practiceKey = source.kind === 'practice' ? source.key : null;
  const practicePage = source.kind === 'practice' ? (source.page ?? null) : null;
  const orderTotal =
    useLiveQuery(async () => (orderId ? ((await getOrder(db, orderId))?.questionnaires.length ?? null) : null), [db, orderId]) ?? null;
  const home: Route = orderId ? { name: 'order', orderId } : { name: 'home' };

  const load = useCallback(() => {
    setState({ status: 'loading' });
    const opening =
      orderId !== null && orderIndex !== null
        ? openFromOrder(db, orderId, orderIndex)
        : openPractice(
            db,
            practiceKey ?? '',
            practiceKey === null ? null : (early?.take(practiceKey) ?? null),
            practicePage === null ? null : { page: practicePage, language: languageRef.current },
          );
    opening.then(setState, (error: unknown) => setState(failure(error)));
  }, [db, early, orderId, orderIndex, practiceKey, practicePage]);
  useEffect(load, [load]);

  useStored(state, setState);

  useRecordedLanguage(db, state, language);

  const start = (parsed: ParsedDefinition) => {
    const response = newResponse(parsed, language, orderId);
    const stored = settled(storeNewResponse(db, parsed, response).then(() => null));
    setState({ status: 'answering', parsed, response, answers: {}, stored });
  };

  switch (state.status) {
    case 'loading':
      return <p role="status">{t('common.loading')}</p>;
    case 'failed':
      return (
        <LoadFailed reason={state.reason} name={practiceKey ?? `${orderId ?? ''}/${(orderIndex ?? 0) + 1}`} home={home} onRetry={load} />
      );
    case 'invalid':
      return <DefinitionErrorPage problems={state.problems} />;
    case 'intro':
      return <Intro parsed={state.parsed} language={language} onStart={() => start(state.parsed)} />;
    case 'answering':
      return (
        <ResponseView
          key={state.response.id}
          parsed={state.parsed}
          response={state.response}
          initialAnswers={state.answers}
          language={language}
          complete={orderId ? sealAndSend : undefined}
          {...(orderTotal !== null && orderIndex !== null ? { sequence: { current: orderIndex + 1, total: orderTotal } } : {})}
          onCompleted={(notices) => setState({ status: 'done', parsed: state.parsed, notices })}
          onExit={() => navigate(home)}
        />
      );
    case 'done':
      return <Done state={state} language={language} home={home} />;
  }
}
