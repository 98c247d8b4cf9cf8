import { useTranslation } from 'react-i18next';
import type { LocatedProblem } from '../../core/check-text.js';

/** The problems `check` would print, each at its line, column and path. */
export function ProblemList({ problems }: { problems: readonly LocatedProblem[] }) {
  const { t } = useTranslation();
  if (problems.length === 0) return <p className="notice preview-ok">{t('preview.noProblems')}</p>;
  return (
    <div className="notice notice-error preview-problems" role="alert">
      <p>{t('preview.problems', { count: problems.length })}</p>
      <p className="hint">{t('preview.problemsLanguage')}</p>
      <ul className="problems">
        {problems.map((problem, i) => (
          <li key={i}>
            <span className="preview-at">{t('preview.at', { line: problem.line, column: problem.column })}</span>{' '}
            <code>{problem.path}</code> <span lang="en">{problem.message}</span>
            {problem.hint && (
              <>
                {' '}
                <span className="preview-hint">{t('preview.hint', { hint: problem.hint })}</span>
              </>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
