// Support notices: which ones the answers call for right now.
import type { Answers } from './answers.js';
import type { Definition, SupportNotice } from './definition.js';
import { evaluate, visibility } from './visibility.js';

/** The notices whose condition holds for the answers of the items the person was shown. */
export function activeNotices(definition: Definition, answers: Answers): SupportNotice[] {
  if (!definition.notices) return [];
  const { effective } = visibility(definition, answers);
  return definition.notices.filter((notice) => evaluate(notice.when, effective));
}
