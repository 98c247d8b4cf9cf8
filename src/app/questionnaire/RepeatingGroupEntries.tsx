// A repeating group's entries ("list each medicine"): each entry a fieldset of its visible items,
// each answer stored under its entry's key; an entry is added at the end and removed after an
// inline confirmation, so one mis-tap loses nothing. The list and a removed entry's answers are
// written together (onAnswers), and each change is said to screen readers in a status message.
import { useEffect, useRef, useState, type MutableRefObject } from 'react';
import { useTranslation } from 'react-i18next';
import {
  instanceKey,
  instanceListAnswer,
  minInstances,
  withInstanceAdded,
  type Answer,
  type Answers,
  type Definition,
  type PageInstance,
  type RepeatingGroup,
} from '../../core/index.js';
import type { AnswerChange } from '../../device/responses.js';
import { ItemField } from './ItemField.js';

export interface RepeatingGroupEntriesProps {
  definition: Definition;
  language: string;
  group: RepeatingGroup;
  /** The entries in order, each with its visible items (from visiblePages). */
  instances: readonly PageInstance[];
  answers: Answers;
  /** Bumped when answers given in another tab arrive, so fields that keep their own text remount with them. */
  generation: number;
  /** The answer key jumped to from review, if any. */
  flagged: string | null;
  onAnswer: (key: string, answer: Answer | null) => void;
  onAnswers: (changes: readonly AnswerChange[]) => void;
}

const headingIdOf = (groupId: string, instance: string) => `entry-${groupId}-${instance}`;
const removeIdOf = (groupId: string, instance: string) => `entry-${groupId}-${instance}-remove`;
const keepIdOf = (groupId: string, instance: string) => `entry-${groupId}-${instance}-keep`;
const addIdOf = (groupId: string) => `entry-${groupId}-add`;

/** Focus goes where a change asked, once the change is rendered (the element may be new). */
function usePendingFocus(): MutableRefObject<string | null> {
  const pending = useRef<string | null>(null);
  useEffect(() => {
    if (pending.current === null) return;
    document.getElementById(pending.current)?.focus();
    pending.current = null;
  });
  return pending;
}

/** The list without `instance`, and its answers deleted: data that is no longer asked for is not kept. */
function removalOf(group: RepeatingGroup, list: readonly string[], instance: string): AnswerChange[] {
  const rest = list.filter((kept) => kept !== instance);
  const deleted = group.items.map((item): AnswerChange => [instanceKey(group.id, instance, item.id), null]);
  return [[group.id, instanceListAnswer(rest)], ...deleted];
}

interface EntryProps extends Omit<RepeatingGroupEntriesProps, 'instances'> {
  entry: PageInstance;
  position: number;
  canRemove: boolean;
  isConfirming: boolean;
  onAskRemove: () => void;
  onKeep: () => void;
  onRemove: () => void;
}

/** The question before a removal, with "keep" first: a second tap where "remove" was keeps the entry. */
function ConfirmRemoval({ group, entry, position, onKeep, onRemove }: EntryProps) {
  const { t } = useTranslation();
  const questionId = `${headingIdOf(group.id, entry.instance)}-confirm`;
  return (
    <div className="entry-confirm notice notice-warning" role="group" aria-labelledby={questionId}>
      <p id={questionId}>{t('entries.confirmRemove', { position })}</p>
      <div className="actions">
        <button type="button" className="secondary" id={keepIdOf(group.id, entry.instance)} onClick={onKeep}>
          {t('entries.keep')}
        </button>
        <button type="button" className="secondary danger" onClick={onRemove}>
          {t('entries.confirmYes', { position })}
        </button>
      </div>
    </div>
  );
}

function Entry(props: EntryProps) {
  const { t } = useTranslation();
  const { definition, language, group, entry, position, answers, generation, flagged, onAnswer } = props;
  return (
    <fieldset className="entry" aria-labelledby={headingIdOf(group.id, entry.instance)}>
      <legend className="entry-legend">
        <h3 id={headingIdOf(group.id, entry.instance)} tabIndex={-1}>
          {t('entries.heading', { position })}
        </h3>
      </legend>
      {entry.items.map((item) => {
        const key = instanceKey(group.id, entry.instance, item.id);
        return (
          <ItemField
            key={`${key}/${generation}`}
            definition={definition}
            item={item}
            language={language}
            answerKey={key}
            answer={answers[key]}
            onAnswer={onAnswer}
            isFlagged={flagged === key}
          />
        );
      })}
      {props.isConfirming ? (
        <ConfirmRemoval {...props} />
      ) : (
        props.canRemove && (
          <button type="button" className="secondary" id={removeIdOf(group.id, entry.instance)} onClick={props.onAskRemove}>
            {t('entries.remove', { position })}
          </button>
        )
      )}
    </fieldset>
  );
}

/** Add and remove, each storing the group's new list and moving focus to where the person goes on. */
function useEntryActions(props: RepeatingGroupEntriesProps) {
  const { t } = useTranslation();
  const { group, instances, onAnswers } = props;
  const list = instances.map((entry) => entry.instance);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [announcement, setAnnouncementText] = useState('');
  // The same words twice (entry 2 removed, then the new entry 2) change the text, so they are said again.
  const setAnnouncement = (text: string) => setAnnouncementText((shown) => (shown === text ? `${text}\u00a0` : text));
  const focus = usePendingFocus();
  const add = () => {
    const next = withInstanceAdded(group, list);
    const added = next.at(-1);
    if (next.length === list.length || added === undefined) return;
    onAnswers([[group.id, instanceListAnswer(next)]]);
    focus.current = headingIdOf(group.id, added);
    setAnnouncement(t('entries.added', { position: next.length }));
  };
  const remove = (instance: string, position: number) => {
    onAnswers(removalOf(group, list, instance));
    const rest = list.filter((kept) => kept !== instance);
    // to the entry that takes its place, or the one before it, or (none left) to adding one
    const nextTo = rest[position - 1] ?? rest[position - 2];
    focus.current = nextTo === undefined ? addIdOf(group.id) : headingIdOf(group.id, nextTo);
    setConfirming(null);
    setAnnouncement(t('entries.removed', { position }));
  };
  const askRemove = (instance: string) => {
    setConfirming(instance);
    focus.current = keepIdOf(group.id, instance);
  };
  const keep = (instance: string) => {
    setConfirming(null);
    focus.current = removeIdOf(group.id, instance);
  };
  return { list, confirming, announcement, add, remove, askRemove, keep };
}

export function RepeatingGroupEntries(props: RepeatingGroupEntriesProps) {
  const { t } = useTranslation();
  const { group, instances } = props;
  const { list, confirming, announcement, add, remove, askRemove, keep } = useEntryActions(props);
  const canRemove = list.length > minInstances(group);
  const canAdd = list.length < group.repeats.max;
  return (
    <div className="entries">
      {instances.length === 0 && <p className="hint">{t('entries.none')}</p>}
      {instances.map((entry, i) => (
        <Entry
          key={entry.instance}
          {...props}
          entry={entry}
          position={i + 1}
          canRemove={canRemove}
          isConfirming={confirming === entry.instance}
          onAskRemove={() => askRemove(entry.instance)}
          onKeep={() => keep(entry.instance)}
          onRemove={() => remove(entry.instance, i + 1)}
        />
      ))}
      {canAdd ? (
        <button type="button" className="secondary" id={addIdOf(group.id)} onClick={add}>
          {list.length === 0 ? t('entries.addFirst') : t('entries.add')}
        </button>
      ) : (
        <p className="hint">{t('entries.atMax', { max: group.repeats.max })}</p>
      )}
      <p className="visually-hidden" role="status">
        {announcement}
      </p>
    </div>
  );
}
