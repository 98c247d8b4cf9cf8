// "My answers over time" (#/progress): on the patient's own phone, the scores their questionnaires
// let them see, kept on this phone after each completed questionnaire, shown over time as a chart and
// the same figures as a table, with what each level means in plain words. Nothing here is sent
// anywhere; the patient can delete it. Loaded only when opened (a chunk of its own, precached).
import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { localise, type CourseScore, type LocalisedText } from '../../core/index.js';
import { listOutbox } from '../../device/outbox-store.js';
import { deleteProgress, listProgress, type ProgressRow } from '../../device/progress.js';
import { OutboxStatus } from '../../device/rows.js';
import { useDevice } from '../device-context.js';
import { useFormatDate } from '../format.js';
import { hrefFor } from '../routing.js';
import { chartBox, courseGeometry } from '../staff/course-geometry.js';

interface ScoreSeries {
  key: string;
  title: string;
  course: CourseScore;
  bands: { label: string; from: number | null }[];
  received: ReadonlySet<string>;
}

/** Every score of every questionnaire over time: one series per questionnaire (its versions together) and score. */
function seriesOf(
  rows: readonly ProgressRow[],
  language: string,
  received: ReadonlySet<string>,
): { title: string; scores: ScoreSeries[] }[] {
  const text = (value: LocalisedText) => localise(value, language, Object.keys(value)).text;
  const byQuestionnaire = new Map<string, ProgressRow[]>();
  for (const row of rows) byQuestionnaire.set(row.definitionId, [...(byQuestionnaire.get(row.definitionId) ?? []), row]);
  return [...byQuestionnaire.values()].map((answered) => {
    const latest = answered.at(-1) as ProgressRow;
    const scores = latest.scores.map((score): ScoreSeries => {
      const bands = score.bands.map((band, i) => ({
        label: text(band.label),
        from: band.from ?? null,
        to: score.bands[i + 1]?.from ?? null,
      }));
      const points = answered.flatMap((row) => {
        const found = row.scores.find((s) => s.scoreId === score.scoreId);
        if (!found) return [];
        const band = found.bands.find((b) => b.id === found.bandId);
        return [
          {
            submissionId: row.responseId,
            questionnaireKey: row.definitionKey,
            measurementPoint: '',
            completedAt: row.completedAt,
            receivedAt: row.completedAt,
            value: Number(found.value.toFixed(found.decimals ?? 0)),
            band: band ? text(band.label) : null,
            noScoreReason: null,
            change: null,
            isRemission: false,
          },
        ];
      });
      const title = text(score.title);
      return {
        key: `${latest.definitionId}.${score.scoreId}`,
        title,
        course: { id: score.scoreId, title, bands, better: null, points },
        bands,
        received,
      };
    });
    return { title: text(latest.title), scores };
  });
}

function Chart({ course, labelId }: { course: CourseScore; labelId: string }) {
  const geometry = courseGeometry(course);
  const { width, height, left, right } = chartBox;
  return (
    <svg className="progress-chart" viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={labelId} focusable="false">
      {geometry.stripes.map((stripe, i) => (
        <rect
          key={stripe.label}
          className={`band band-${i % 4}`}
          x={left}
          y={stripe.y}
          width={width - left - right}
          height={stripe.height}
        />
      ))}
      {geometry.ticks.map((tick) => {
        const y = chartBox.top + ((geometry.max - tick) / (geometry.max - geometry.min)) * (height - chartBox.top - chartBox.bottom);
        return (
          <text key={tick} x={left - 8} y={y + 4} textAnchor="end">
            {tick}
          </text>
        );
      })}
      {geometry.points.length > 1 && <polyline className="line" points={geometry.points.map((p) => `${p.x},${p.y}`).join(' ')} />}
      {geometry.points.map((point) => (
        <circle key={point.submissionId} cx={point.x} cy={point.y} r={6} />
      ))}
    </svg>
  );
}

function Series({ series }: { series: ScoreSeries }) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const labelId = useId();
  return (
    <section className="progress-score">
      <h3 id={labelId}>{t('progress.chartTitle', { title: series.title })}</h3>
      <Chart course={series.course} labelId={labelId} />
      <table>
        <caption className="visually-hidden">{t('progress.tableCaption', { title: series.title })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('progress.date')}</th>
            <th scope="col">{t('progress.value')}</th>
            <th scope="col">{t('progress.level')}</th>
            <th scope="col">{t('progress.sent')}</th>
          </tr>
        </thead>
        <tbody>
          {series.course.points.map((point) => (
            <tr key={point.submissionId}>
              <th scope="row">{formatDate(point.completedAt, false)}</th>
              <td>{point.value}</td>
              <td>{point.band ?? '—'}</td>
              <td>{series.received.has(point.submissionId) ? t('progress.received') : t('progress.notYetReceived')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {series.bands.length > 0 && (
        <>
          <h4>{t('progress.levelsTitle')}</h4>
          <ul className="progress-levels">
            {series.bands.map((band) => (
              <li key={band.label}>{band.from === null ? band.label : t('progress.levelFrom', { from: band.from, label: band.label })}</li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

export function ProgressScreen() {
  const { t, i18n } = useTranslation();
  const db = useDevice();
  const data = useLiveQuery(async () => ({ rows: await listProgress(db), outbox: await listOutbox(db) }), [db]);
  const [isConfirming, setIsConfirming] = useState(false);
  const [isDeleted, setIsDeleted] = useState(false);
  if (!data) return <p role="status">{t('common.loading')}</p>;
  const received = new Set(data.outbox.filter((row) => row.status === OutboxStatus.acknowledged).map((row) => row.responseId));
  const questionnaires = seriesOf(data.rows, i18n.language, received);
  const remove = async () => {
    await deleteProgress(db);
    setIsConfirming(false);
    setIsDeleted(true);
  };
  return (
    <div className="progress">
      <h1>{t('progress.title')}</h1>
      <p>{t('progress.intro')}</p>
      <p role="status">{isDeleted ? t('progress.deleted') : ''}</p>
      {questionnaires.length === 0 && !isDeleted && <p>{t('progress.none')}</p>}
      {questionnaires.map((questionnaire) => (
        <section key={questionnaire.title} className="progress-questionnaire">
          <h2>{questionnaire.title}</h2>
          {questionnaire.scores.map((series) => (
            <Series key={series.key} series={series} />
          ))}
        </section>
      ))}
      {questionnaires.length > 0 &&
        (isConfirming ? (
          <div className="notice" role="alertdialog" aria-labelledby="progress-delete-question">
            <p id="progress-delete-question">{t('progress.deleteQuestion')}</p>
            <button type="button" className="primary" onClick={() => void remove()}>
              {t('progress.deleteConfirm')}
            </button>{' '}
            <button type="button" className="secondary" onClick={() => setIsConfirming(false)}>
              {t('progress.deleteCancel')}
            </button>
          </div>
        ) : (
          <button type="button" className="secondary" onClick={() => setIsConfirming(true)}>
            {t('progress.delete')}
          </button>
        ))}
      <p>
        <a href={hrefFor({ name: 'home' })}>{t('progress.back')}</a>
      </p>
    </div>
  );
}
