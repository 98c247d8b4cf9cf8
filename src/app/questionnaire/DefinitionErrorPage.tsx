import { useTranslation } from 'react-i18next';
import { formatPath, type Problem } from '../../core/index.js';

/** Shown instead of a questionnaire whose definition is not valid: what is wrong, and where. */
export function DefinitionErrorPage({ problems }: { problems: readonly Problem[] }) {
  const { t } = useTranslation();
  return (
    <div className="message" role="alert">
      <h1>{t('invalid.title')}</h1>
      <p>{t('invalid.body')}</p>
      <ul className="problems">
        {problems.map((problem, i) => (
          <li key={i}>
            {/* Problems are for the register staff who wrote the file, in the language of the command line. */}
            <code>{formatPath(problem.path)}</code> <span lang="en">{problem.message}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
