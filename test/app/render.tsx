// Renders the questionnaire as a patient sees it, on a real (fake-indexeddb) device database.
import { render, type RenderResult } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { parseDefinition, type DefinitionInput, type ParsedDefinition } from '../../src/core/index.js';
import { DeviceContext } from '../../src/app/device-context.js';
import { createI18n, type UiLanguage } from '../../src/app/i18n/i18n.js';
import { ResponseView } from '../../src/app/questionnaire/ResponseView.js';
import { openDeviceDatabase, startResponse, type DeviceDatabase, type ResponseRecord } from '../../src/device/index.js';

export const text = (words: string) => ({ nb: `${words} (nb)`, en: words });

export function definitionOf(items: unknown[], extra: Partial<DefinitionInput> = {}): ParsedDefinition {
  const result = parseDefinition({
    id: 'component-test',
    version: '1',
    languages: ['nb', 'en'],
    title: text('Component test'),
    license: 'test',
    source: { citation: 'test' },
    items,
    ...extra,
  });
  if (!result.ok) throw new Error(result.problems.map((p) => `${p.path.join('.')}: ${p.message}`).join('; '));
  return result;
}

export interface Rendered extends RenderResult {
  db: DeviceDatabase;
  response: ResponseRecord;
  onCompleted: ReturnType<typeof import('vitest').vi.fn>;
}

export async function renderQuestionnaire(
  parsed: ParsedDefinition,
  { language = 'en', db = openDeviceDatabase(`test-${crypto.randomUUID()}`), response }: { language?: UiLanguage; db?: DeviceDatabase; response?: ResponseRecord } = {},
): Promise<Rendered> {
  const { vi } = await import('vitest');
  const { getAnswers } = await import('../../src/device/index.js');
  const started = response ?? (await startResponse(db, parsed, language));
  const onCompleted = vi.fn();
  const i18n = createI18n(language);
  const result = render(
    <DeviceContext.Provider value={db}>
      <I18nextProvider i18n={i18n}>
        <ResponseView
          parsed={parsed}
          response={started}
          initialAnswers={await getAnswers(db, started.id)}
          language={language}
          onCompleted={onCompleted}
          onExit={() => undefined}
        />
      </I18nextProvider>
    </DeviceContext.Provider>,
  );
  return { ...result, db, response: started, onCompleted };
}
