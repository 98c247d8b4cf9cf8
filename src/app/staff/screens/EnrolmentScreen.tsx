// One enrolment in a measurement plan: what it is, pause/resume/end (each after a confirmation), the
// clinical events recorded and a form to record one, the time points with their dates and each
// order's state, the patient's contact (masked) with change and stop, the birth month and sex (register
// data) with change, and the messages with their outcome. Every action says what it did in the live region.
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { planEnrolmentResponse, registerApi } from '../../../core/index.js';
import { languageNames, isUiLanguage } from '../../i18n/i18n.js';
import { pathOf } from '../api.js';
import { useConsole, useLoaded } from '../console-context.js';
import { planEnrolmentDetailResponse, type PlanEnrolmentDetail } from '../contract-shapes.js';
import { PageHeading } from '../ui.js';
import { EnrolmentContact } from './EnrolmentContact.js';
import { EnrolmentEvents } from './EnrolmentEvents.js';
import { EnrolmentMessages } from './EnrolmentMessages.js';
import { asSpan, enrolmentState, osloDayText, PlanErrorMessage, spanText } from './EnrolmentParts.js';
import { usePlanNames, type PlanNames } from './EnrolmentPlans.js';
import { EnrolmentSubject } from './EnrolmentSubject.js';
import { EnrolmentWindows } from './EnrolmentWindows.js';

export function EnrolmentScreen({ enrolmentId }: { enrolmentId: string }) {
  const { t } = useTranslation('staff');
  const { api } = useConsole();
  const names = usePlanNames();
  const loaded = useLoaded(
    useCallback(() => api.get(pathOf(registerApi.getPlanEnrolment, { id: enrolmentId }), planEnrolmentDetailResponse), [api, enrolmentId]),
  );
  const enrolment = loaded.data?.enrolment;
  if (!enrolment)
    return (
      <section>
        <PageHeading>{t('plans.enrolments.heading')}</PageHeading>
        {loaded.isLoading ? <p>{t('loading')}</p> : <PlanErrorMessage error={loaded.error} />}
      </section>
    );
  return (
    <section className="enrolment-sections">
      <PageHeading>{t('plans.enrolment.heading', { patientRef: enrolment.patientRef })}</PageHeading>
      <PlanErrorMessage error={loaded.error} />
      <EnrolmentFacts enrolment={enrolment} names={names} />
      <EnrolmentActions enrolment={enrolment} onChanged={loaded.reload} />
      <EnrolmentEvents enrolment={enrolment} names={names} onChanged={loaded.reload} />
      <EnrolmentWindows enrolment={enrolment} names={names} />
      <EnrolmentContact enrolment={enrolment} onChanged={loaded.reload} />
      <EnrolmentSubject enrolment={enrolment} onChanged={loaded.reload} />
      <EnrolmentMessages enrolment={enrolment} names={names} />
    </section>
  );
}

function EnrolmentFacts({ enrolment, names }: { enrolment: PlanEnrolmentDetail; names: PlanNames }) {
  const { t, i18n } = useTranslation('staff');
  const day = (iso: string | null) => osloDayText(iso, i18n.language);
  const state = enrolmentState(enrolment);
  const settings = Object.entries(enrolment.settings);
  const settingName = (id: string) => {
    const setting = names.find(enrolment.plan)?.settings?.find((candidate) => candidate.id === id);
    return setting ? (setting.name[i18n.language] ?? setting.name.nb ?? id) : id;
  };
  return (
    <section aria-labelledby="enrolment-facts">
      <h2 id="enrolment-facts">{t('plans.enrolment.facts')}</h2>
      <dl className="facts">
        <dt>{t('plans.plan')}</dt>
        <dd>
          {names.plan(enrolment.plan)} <span className="muted">({enrolment.plan})</span>
        </dd>
        <dt>{t('plans.unit')}</dt>
        <dd>{enrolment.unit}</dd>
        <dt>{t('plans.enrolment.enrolled')}</dt>
        <dd>{day(enrolment.enrolledAt)}</dd>
        <dt>{t('plans.enrolment.language')}</dt>
        <dd>{isUiLanguage(enrolment.language) ? languageNames[enrolment.language] : enrolment.language}</dd>
        <dt>{t('plans.state')}</dt>
        <dd>
          {t(`plans.states.${state}`)}
          {state === 'paused' && ` · ${t('plans.enrolment.paused', { date: day(enrolment.pausedAt) })}`}
          {state === 'ended' && ` · ${t('plans.enrolment.ended', { date: day(enrolment.endedAt) })}`}
        </dd>
        <dt>{t('plans.enrolment.settings')}</dt>
        <dd>
          {settings.length === 0
            ? t('plans.enrolment.defaults')
            : settings.map(([id, span]) => `${settingName(id)}: ${spanText(t, asSpan(span) ?? {})}`).join('; ')}
        </dd>
      </dl>
    </section>
  );
}

type Action = 'pause' | 'resume' | 'end';

/** Pause and end ask first; resume does not (it only lets orders be made again). */
function EnrolmentActions({ enrolment, onChanged }: { enrolment: PlanEnrolmentDetail; onChanged: () => void }) {
  const { t } = useTranslation('staff');
  const { api, announce } = useConsole();
  const [asking, setAsking] = useState<'pause' | 'end' | null>(null);
  const [error, setError] = useState<unknown>(undefined);
  const state = enrolmentState(enrolment);
  const { patientRef } = enrolment;
  if (state === 'ended') return null;
  const endpoints = { pause: registerApi.pausePlanEnrolment, resume: registerApi.resumePlanEnrolment, end: registerApi.endPlanEnrolment };
  const done = { pause: 'plans.enrolment.pausedDone', resume: 'plans.enrolment.resumedDone', end: 'plans.enrolment.endedDone' } as const;
  const run = async (action: Action) => {
    try {
      await api.post(pathOf(endpoints[action], { id: enrolment.id }), planEnrolmentResponse);
      setError(undefined);
      setAsking(null);
      announce(t(done[action], { patientRef }));
      onChanged();
    } catch (caught) {
      setError(caught);
    }
  };
  return (
    <section aria-labelledby="enrolment-actions">
      <h2 id="enrolment-actions">{t('plans.enrolment.actions')}</h2>
      <PlanErrorMessage error={error} />
      <div className="actions">
        {state === 'paused' ? (
          <button type="button" onClick={() => void run('resume')}>
            {t('plans.enrolment.resume')}
          </button>
        ) : (
          <button type="button" aria-expanded={asking === 'pause'} onClick={() => setAsking(asking === 'pause' ? null : 'pause')}>
            {t('plans.enrolment.pause')}
          </button>
        )}
        <button
          type="button"
          className="danger"
          aria-expanded={asking === 'end'}
          onClick={() => setAsking(asking === 'end' ? null : 'end')}
        >
          {t('plans.enrolment.end')}
        </button>
      </div>
      {asking && (
        <div className="confirm">
          <p>{t(asking === 'pause' ? 'plans.enrolment.confirmPause' : 'plans.enrolment.confirmEnd', { patientRef })}</p>
          <div className="actions">
            <button type="button" className="danger" onClick={() => void run(asking)}>
              {t(asking === 'pause' ? 'plans.enrolment.yesPause' : 'plans.enrolment.yesEnd')}
            </button>
            <button type="button" onClick={() => setAsking(null)}>
              {t('plans.enrolment.keep')}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
