// Opens one questionnaire: resumes the response in progress exactly where it was, or shows the
// introduction and starts a new one. A definition that is not valid gets an error page, never a blank.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { visiblePages, type Answers, type ParsedDefinition, type Problem } from '../../core/index.js';
import { loadDefinition } from '../../device/definitions.js';
import {
  findResumableResponse,
  getAnswers,
  setResponseLanguage,
  startResponse,
  type ResponseRecord,
} from '../../device/responses.js';
import { fetchCatalogue, fetchDefinition, MissingFileError } from '../catalogue.js';
import { useDevice } from '../device-context.js';
import { DefinitionErrorPage } from '../questionnaire/DefinitionErrorPage.js';
import { Localised } from '../questionnaire/Localised.js';
import { ResponseView } from '../questionnaire/ResponseView.js';
import { hrefFor } from '../routing.js';

type State =
  | { status: 'loading' }
  | { status: 'failed'; reason: 'network' | 'notFound' }
  | { status: 'invalid'; problems: Problem[] }
  | { status: 'intro'; parsed: ParsedDefinition }
  | { status: 'answering'; parsed: ParsedDefinition; response: ResponseRecord; answers: Answers }
  | { status: 'done'; parsed: ParsedDefinition };

/** Loads the definition for `key`: the stored copy of a response in progress, otherwise the shipped one. */
async function open(db: ReturnType<typeof useDevice>, key: string): Promise<State> {
  const resumable = await findResumableResponse(db, key);
  if (resumable) {
    const parsed = await loadDefinition(db, resumable.definitionKey);
    if (parsed) return { status: 'answering', parsed, response: resumable, answers: await getAnswers(db, resumable.id) };
  }
  const entry = (await fetchCatalogue()).questionnaires.find((q) => q.key === key);
  if (!entry) return { status: 'failed', reason: 'notFound' };
  const result = await fetchDefinition(entry);
  return result.ok ? { status: 'intro', parsed: result } : { status: 'invalid', problems: result.problems };
}

export function QuestionnaireScreen({ definitionKey, onHome }: { definitionKey: string; onHome: () => void }) {
  const { t, i18n } = useTranslation();
  const db = useDevice();
  const language = i18n.language;
  const [state, setState] = useState<State>({ status: 'loading' });

  const load = useCallback(() => {
    setState({ status: 'loading' });
    open(db, definitionKey).then(setState, (error: unknown) =>
      setState({ status: 'failed', reason: error instanceof MissingFileError ? 'notFound' : 'network' }),
    );
  }, [db, definitionKey]);
  useEffect(load, [load]);

  // Record the language the person reads the questionnaire in, so the register knows which text they saw.
  const responseId = state.status === 'answering' ? state.response.id : null;
  useEffect(() => {
    if (responseId) void setResponseLanguage(db, responseId, language).catch(() => undefined);
  }, [db, responseId, language]);

  const start = async (parsed: ParsedDefinition) => {
    const response = await startResponse(db, parsed, language);
    setState({ status: 'answering', parsed, response, answers: {} });
  };

  switch (state.status) {
    case 'loading':
      return <p role="status">{t('common.loading')}</p>;
    case 'failed':
      return (
        <div className="message">
          <h1>{state.reason === 'notFound' ? t('questionnaire.notFound', { key: definitionKey }) : t('questionnaire.loadFailed')}</h1>
          <div className="actions">
            {state.reason === 'network' && (
              <button type="button" className="primary" onClick={load}>
                {t('common.retry')}
              </button>
            )}
            <a className="button secondary" href={hrefFor({ name: 'home' })}>
              {t('questionnaire.toHome')}
            </a>
          </div>
        </div>
      );
    case 'invalid':
      return <DefinitionErrorPage problems={state.problems} />;
    case 'intro': {
      const { definition } = state.parsed;
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
          <p className="hint">{t('questionnaire.pageOf', { current: 1, total: visiblePages(definition, {}).length })}</p>
          <div className="actions">
            <button type="button" className="primary" onClick={() => void start(state.parsed)}>
              {t('home.start')}
            </button>
          </div>
        </div>
      );
    }
    case 'answering':
      return (
        <ResponseView
          key={state.response.id}
          parsed={state.parsed}
          response={state.response}
          initialAnswers={state.answers}
          language={language}
          onCompleted={() => setState({ status: 'done', parsed: state.parsed })}
          onExit={onHome}
        />
      );
    case 'done':
      return (
        <div className="message" role="status">
          <h1>{t('done.title')}</h1>
          <p>{t('done.body')}</p>
          <a className="button primary" href={hrefFor({ name: 'home' })}>
            {t('questionnaire.toHome')}
          </a>
        </div>
      );
  }
}
