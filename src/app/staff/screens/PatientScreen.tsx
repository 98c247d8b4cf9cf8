// One patient reference: how each score moved over time (a chart and its table per score), then its
// orders and, for each questionnaire received, the way to its answers.
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { patientCourse, registerApi } from '../../../core/index.js';
import { pathOf } from '../api.js';
import { useConsole, useLoaded } from '../console-context.js';
import { ErrorMessage, PageHeading } from '../ui.js';
import { CourseChart } from './CourseChart.js';
import { OrderList, useOrderPages } from './OrdersScreen.js';

function Course({ patientRef }: { patientRef: string }) {
  const { t, i18n } = useTranslation('staff');
  const { api } = useConsole();
  const load = useCallback(
    () => api.get(pathOf(registerApi.patientCourse, { patientRef }), patientCourse, { language: i18n.language }),
    [api, patientRef, i18n.language],
  );
  const { data, error } = useLoaded(load);
  if (error) return <ErrorMessage error={error} />;
  if (!data) return <p>{t('loading')}</p>;
  const withScores = data.questionnaires.filter((q) => q.scores.length > 0);
  if (withScores.length === 0) return <p>{t('course.none')}</p>;
  return (
    <>
      {withScores.map((questionnaire) => (
        <section key={questionnaire.id} className="course-questionnaire">
          <h3>{questionnaire.title}</h3>
          {questionnaire.scores.map((score) => (
            <CourseChart key={score.id} score={score} />
          ))}
        </section>
      ))}
    </>
  );
}

export function PatientScreen({ patientRef }: { patientRef: string }) {
  const { t } = useTranslation('staff');
  const filter = useMemo(() => ({ patientRef, state: '', from: '', to: '' }), [patientRef]);
  const pages = useOrderPages(filter);
  return (
    <section>
      <PageHeading>{t('patient.heading', { patientRef })}</PageHeading>
      <h2>{t('course.heading')}</h2>
      <Course patientRef={patientRef} />
      <h2>{t('patient.orders')}</h2>
      <OrderList pages={pages} />
    </section>
  );
}
