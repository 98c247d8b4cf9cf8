// SurveyJS showing the same EDE-Q (converted at build time by bench/surveyjs/convert.ts), with its
// fontless stylesheet so nothing is fetched from a third party.
import { createRoot } from 'react-dom/client';
import { Model } from 'survey-core';
import { Survey } from 'survey-react-ui';
import 'survey-core/survey-core.fontless.min.css';

declare const __SURVEY_JSON__: Record<string, unknown>;

const model = new Model(__SURVEY_JSON__);
createRoot(document.getElementById('root')!).render(<Survey model={model} />);
