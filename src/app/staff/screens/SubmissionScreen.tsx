// One submission: every answer with the question as the patient saw it (SubmissionAnswers.tsx), the
// register's scores with bands and flags, the support notices shown, and when it was started,
// completed and received.
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { registerApi, submissionDetail, type ShownScore } from '../../../core/index.js';
import { pathOf } from '../api.js';
import { useConsole, useLoaded } from '../console-context.js';
import { hrefFor } from '../routing.js';
import { ErrorMessage, PageHeading, useFormatTime } from '../ui.js';
import { IsoBmi } from './IsoBmi.js';
import { SubmissionAnswers } from './SubmissionAnswers.js';

function ScoreRow({ score }: { score: ShownScore }) {
  const { t } = useTranslation('staff');
  const flags = score.flags.filter((flag) => flag.isSet).map((flag) => flag.label);
  return (
    <tr>
      <th scope="row">{score.title}</th>
      <td>
        {score.value ?? t('submission.noScore', { reason: score.noScoreReason ?? '—' })}
        <IsoBmi value={score.isoBmi} />
      </td>
      <td>{score.band ?? '—'}</td>
      <td>{flags.length ? flags.join(', ') : '—'}</td>
    </tr>
  );
}

export function SubmissionScreen({ submissionId }: { submissionId: string }) {
  const { t } = useTranslation('staff');
  const { api } = useConsole();
  const time = useFormatTime();
  const load = useCallback(() => api.get(pathOf(registerApi.submissionDetail, { submissionId }), submissionDetail), [api, submissionId]);
  const { data, error } = useLoaded(load);
  if (error) return <ErrorMessage error={error} />;
  if (!data) return <p>{t('loading')}</p>;
  return (
    <section>
      <PageHeading>{t('submission.heading', { title: data.questionnaireTitle })}</PageHeading>
      <dl className="facts">
        <dt>{t('submission.patient')}</dt>
        <dd>
          <a href={hrefFor.patient(data.patientRef)}>{data.patientRef}</a> ({data.measurementPoint})
        </dd>
        <dt>{t('submission.language')}</dt>
        <dd>{data.language}</dd>
        <dt>{t('submission.started')}</dt>
        <dd>{time(data.startedAt)}</dd>
        <dt>{t('submission.completed')}</dt>
        <dd>{time(data.completedAt)}</dd>
        <dt>{t('submission.received')}</dt>
        <dd>{time(data.receivedAt)}</dd>
      </dl>
      <h2>{t('submission.scores')}</h2>
      {data.scores.length === 0 ? (
        <p>{t('submission.noScores')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('submission.score')}</th>
              <th scope="col">{t('submission.value')}</th>
              <th scope="col">{t('submission.band')}</th>
              <th scope="col">{t('submission.flags')}</th>
            </tr>
          </thead>
          <tbody>
            {data.scores.map((score) => (
              <ScoreRow key={score.id} score={score} />
            ))}
          </tbody>
        </table>
      )}
      <h2>{t('submission.notices')}</h2>
      {data.notices.length === 0 ? (
        <p>{t('submission.noNotices')}</p>
      ) : (
        <ul>
          {data.notices.map((notice) => (
            <li key={notice.id} lang={data.language}>
              {notice.title}
            </li>
          ))}
        </ul>
      )}
      <h2>{t('submission.answers')}</h2>
      <SubmissionAnswers answers={data.answers} language={data.language} />
    </section>
  );
}
