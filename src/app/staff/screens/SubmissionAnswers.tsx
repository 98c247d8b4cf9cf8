// A submission's answers, each beside its question as the patient saw it (in the patient's language).
// A repeating group's entries (issue 18) each get a table of their own, in order, captioned with the
// group's title and the entry's place, so a screen reader names the table a question belongs to.
import { useTranslation } from 'react-i18next';
import type { ShownAnswer } from '../../../core/index.js';
import type { StaffT } from '../staff-i18n.js';

function answerText(t: StaffT, answer: ShownAnswer): string {
  if (answer.isDeclined) return t('submission.declined');
  if (answer.optionTexts.length) return answer.optionTexts.join(', ');
  if (typeof answer.value === 'boolean') return answer.value ? t('submission.yes') : t('submission.no');
  const value = Array.isArray(answer.value) ? answer.value.join(', ') : String(answer.value ?? '');
  return answer.unit ? `${value} ${answer.unit}` : value;
}

/** A run of answers outside any entry, or one entry's answers. */
interface AnswerBlock {
  entry: ShownAnswer['entry'];
  answers: ShownAnswer[];
}

const sameEntry = (a: ShownAnswer['entry'], b: ShownAnswer['entry']) =>
  a === b || (a !== undefined && b !== undefined && a.group === b.group && a.position === b.position);

/** The answers cut where an entry starts or ends; the register sends them in the definition's order, entries in order. */
export function answerBlocks(answers: readonly ShownAnswer[]): AnswerBlock[] {
  const blocks: AnswerBlock[] = [];
  for (const answer of answers) {
    const last = blocks.at(-1);
    if (last && sameEntry(last.entry, answer.entry)) last.answers.push(answer);
    else blocks.push({ entry: answer.entry, answers: [answer] });
  }
  // no answers at all: still the table's head, as before there were entries
  return blocks.length > 0 ? blocks : [{ entry: undefined, answers: [] }];
}

function EntryCaption({ entry, language }: { entry: NonNullable<ShownAnswer['entry']>; language: string }) {
  const { t } = useTranslation('staff');
  return (
    <caption>
      {entry.groupTitle === null ? null : (
        <>
          <span lang={language}>{entry.groupTitle}</span>
          {': '}
        </>
      )}
      {t('submission.entry', { position: entry.position })}
    </caption>
  );
}

function AnswerTable({ block, language }: { block: AnswerBlock; language: string }) {
  const { t } = useTranslation('staff');
  return (
    <table>
      {block.entry ? <EntryCaption entry={block.entry} language={language} /> : null}
      <thead>
        <tr>
          <th scope="col">{t('submission.question')}</th>
          <th scope="col">{t('submission.answer')}</th>
        </tr>
      </thead>
      <tbody>
        {block.answers.map((answer) => (
          <tr key={answer.itemId}>
            <th scope="row" lang={language}>
              {answer.text}
            </th>
            <td>{answerText(t, answer)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function SubmissionAnswers({ answers, language }: { answers: readonly ShownAnswer[]; language: string }) {
  return (
    <>
      {answerBlocks(answers).map((block, i) => (
        <AnswerTable
          key={block.entry ? `${block.entry.group}.${block.entry.position}` : `answers.${i}`}
          block={block}
          language={language}
        />
      ))}
    </>
  );
}
