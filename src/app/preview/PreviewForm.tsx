// The questionnaire as a patient sees it, every page at once, with the answers kept in this
// component only: nothing is written to the device's database, nothing is sent.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  activeNotices,
  computeScores,
  instanceKey,
  instancesOf,
  isRepeating,
  pagesOf,
  visibility,
  withAnswer,
  type Answer,
  type Answers,
  type Condition,
  type Definition,
  type Page,
  type SupportNotice,
} from '../../core/index.js';
import type { AnswerChange } from '../../device/responses.js';
import { ItemField } from '../questionnaire/ItemField.js';
import { Localised } from '../questionnaire/Localised.js';
import { RepeatingGroupEntries } from '../questionnaire/RepeatingGroupEntries.js';
import { SupportNotices } from '../questionnaire/SupportNotices.js';
import { describeCondition } from './describe-condition.js';
import { ScoresPanel } from './ScoresPanel.js';

function ConditionMark({ condition, isShown }: { condition: Condition; isShown: boolean }) {
  const { t } = useTranslation();
  return (
    <p className="preview-condition" data-holds={isShown}>
      {t('preview.condition', { condition: describeCondition(condition) })}
      {isShown && <span className="hint"> ({t('preview.conditionMet')})</span>}
    </p>
  );
}

interface ShownProps {
  definition: Definition;
  language: string;
}

/** One page of the questionnaire, every item on it, each hidden item said to be hidden now. */
function PreviewPageSection({
  definition,
  language,
  page,
  index,
  visible,
  answers,
  onAnswer,
  onAnswers,
}: ShownProps & {
  page: Page;
  index: number;
  visible: ReadonlySet<string>;
  answers: Answers;
  onAnswer: (itemId: string, answer: Answer | null) => void;
  onAnswers: (changes: readonly AnswerChange[]) => void;
}) {
  const { t } = useTranslation();
  const group = page.group;
  // A repeating group while it is shown: its entries as the patient has them, each with its own conditions.
  const entries =
    group && isRepeating(group) && visible.has(group.id)
      ? instancesOf(group, answers).map((instance) => ({
          instance,
          items: group.items.filter((item) => visible.has(instanceKey(group.id, instance, item.id))),
        }))
      : null;
  return (
    <section className="preview-page" data-page={page.id}>
      <h2>
        {page.group?.title ? (
          <Localised text={page.group.title} definition={definition} language={language} />
        ) : (
          t('questionnaire.pageOf', { current: index + 1, total: definition.items.length })
        )}
      </h2>
      {page.group?.visibleWhen && <ConditionMark condition={page.group.visibleWhen} isShown={visible.has(page.id)} />}
      {page.group?.text && (
        <p className="group-text">
          <Localised text={page.group.text} definition={definition} language={language} />
        </p>
      )}
      {group && isRepeating(group) && entries ? (
        <RepeatingGroupEntries
          definition={definition}
          language={language}
          group={group}
          instances={entries}
          answers={answers}
          generation={0}
          flagged={null}
          onAnswer={onAnswer}
          onAnswers={onAnswers}
        />
      ) : (
        page.items.map((item) => {
          const isShown = visible.has(item.id);
          return (
            <div key={item.id} className="preview-item" data-item={item.id} data-shown={isShown}>
              {item.visibleWhen && <ConditionMark condition={item.visibleWhen} isShown={isShown} />}
              {isShown ? (
                <ItemField
                  key={language}
                  definition={definition}
                  item={item}
                  language={language}
                  answer={answers[item.id]}
                  onAnswer={onAnswer}
                />
              ) : (
                <p className="hint preview-hidden">{t('preview.hiddenNow', { id: item.id })}</p>
              )}
            </div>
          );
        })
      )}
    </section>
  );
}

/** Every support notice of the definition, whether it applies to the answers now, and when it does. */
function NoticesPanel({ definition, language, active }: ShownProps & { active: SupportNotice[] }) {
  const { t } = useTranslation();
  return (
    <aside className="preview-notices" aria-labelledby="preview-notices-heading">
      <h2 id="preview-notices-heading">{t('preview.notices')}</h2>
      <ul>
        {(definition.notices ?? []).map((notice) => {
          const isActive = active.includes(notice);
          return (
            <li key={notice.id} data-notice={notice.id} data-active={isActive}>
              <strong>
                <Localised text={notice.title} definition={definition} language={language} />
              </strong>{' '}
              <code>{notice.id}</code>: {isActive ? t('preview.noticeActive') : t('preview.noticeInactive')}
              <br />
              <span className="hint">{t('preview.noticeWhen', { condition: describeCondition(notice.when) })}</span>
            </li>
          );
        })}
      </ul>
    </aside>
  );
}

export function PreviewForm({ definition }: { definition: Definition }) {
  const { t, i18n } = useTranslation();
  // The interface's language where the questionnaire has it, as a patient would first see it.
  const [language, setLanguage] = useState(() =>
    definition.languages.includes(i18n.language) ? i18n.language : (definition.languages[0] ?? 'nb'),
  );
  const [answers, setAnswers] = useState<Answers>({});
  const shownLanguage = definition.languages.includes(language) ? language : (definition.languages[0] ?? language);
  const { visible } = useMemo(() => visibility(definition, answers), [definition, answers]);
  const scores = useMemo(() => computeScores(definition, answers), [definition, answers]);
  const notices = useMemo(() => activeNotices(definition, answers), [definition, answers]);

  const onAnswer = (itemId: string, answer: Answer | null) => setAnswers((current) => withAnswer(current, itemId, answer));
  const onAnswers = (changes: readonly AnswerChange[]) =>
    setAnswers((current) => changes.reduce((next, [key, answer]) => withAnswer(next, key, answer), current));

  return (
    <div className="preview-layout">
      <section className="preview-form" aria-label={t('preview.title')}>
        <div className="preview-toolbar">
          <label>
            {t('preview.language')}{' '}
            <select value={shownLanguage} onChange={(event) => setLanguage(event.target.value)}>
              {definition.languages.map((code) => (
                <option key={code} value={code}>
                  {code}
                </option>
              ))}
            </select>
          </label>
          <button type="button" className="secondary" onClick={() => setAnswers({})}>
            {t('preview.reset')}
          </button>
        </div>
        <p className="hint">{t('preview.notSaved')}</p>
        <h1 className="questionnaire-title">
          <Localised text={definition.title} definition={definition} language={shownLanguage} />
        </h1>
        {definition.introduction && (
          <p className="introduction">
            <Localised text={definition.introduction} definition={definition} language={shownLanguage} />
          </p>
        )}
        {pagesOf(definition).map((page, index) => (
          <PreviewPageSection
            key={page.id}
            definition={definition}
            language={shownLanguage}
            page={page}
            index={index}
            visible={visible}
            answers={answers}
            onAnswer={onAnswer}
            onAnswers={onAnswers}
          />
        ))}
        <SupportNotices notices={notices} definition={definition} language={shownLanguage} />
      </section>
      <div className="preview-side">
        <ScoresPanel definition={definition} results={scores} language={shownLanguage} />
        {definition.notices && <NoticesPanel definition={definition} language={shownLanguage} active={notices} />}
      </div>
    </div>
  );
}
