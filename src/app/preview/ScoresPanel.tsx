import { useTranslation } from 'react-i18next';
import { findLocalised, roundScore, type Definition, type ScoreResult, type ScoreResults } from '../../core/index.js';
import { Localised } from '../questionnaire/Localised.js';

function NoScore({ result }: { result: Extract<ScoreResult, { status: 'noScore' }> }) {
  const { t } = useTranslation();
  const reason =
    result.reason === 'tooFewAnswered'
      ? t('preview.reason.tooFewAnswered', { answered: result.answered, required: result.required })
      : result.reason === 'undefinedValue'
        ? t('preview.reason.undefinedValue')
        : t(`preview.reason.${result.reason}`, { ids: result.missing.join(', ') });
  return (
    <>
      {t('preview.noScore')} ({reason})
    </>
  );
}

/** Every score as computeScores gives it for the answers so far, with its band and flags. */
export function ScoresPanel({ definition, results, language }: { definition: Definition; results: ScoreResults; language: string }) {
  const { t } = useTranslation();
  const scores = definition.scores ?? [];
  return (
    <aside className="preview-scores" aria-labelledby="preview-scores-heading">
      <h2 id="preview-scores-heading">{t('preview.scores')}</h2>
      {scores.length === 0 && <p className="hint">{t('preview.noScores')}</p>}
      <dl>
        {scores.map((score) => {
          const result = results[score.id];
          return (
            <div key={score.id} className="preview-score" data-score={score.id}>
              <dt>
                <Localised text={score.title} definition={definition} language={language} /> <code>{score.id}</code>
                {score.showToPatient && <span className="hint"> ({t('preview.shownToPatient')})</span>}
              </dt>
              <dd>
                {result?.status === 'score' ? (
                  <>
                    <strong className="preview-score-value">
                      {score.decimals === undefined ? result.value : roundScore(result.value, score.decimals)}
                    </strong>
                    {result.band && (
                      <>
                        {', '}
                        {t('preview.band', { band: findLocalised(result.band.label, language, [])?.text ?? result.band.id })}
                      </>
                    )}
                    {score.flags?.map((flag) => (
                      <span key={flag.id}>
                        {', '}
                        {t(result.flags?.[flag.id] ? 'preview.flagSet' : 'preview.flagNotSet', { flag: flag.label[language] ?? flag.id })}
                      </span>
                    ))}
                  </>
                ) : result ? (
                  <NoScore result={result} />
                ) : null}
              </dd>
            </div>
          );
        })}
      </dl>
    </aside>
  );
}
