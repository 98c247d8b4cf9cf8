// Renders the questionnaire as a patient sees it, on a real (fake-indexeddb) device database: a
// fresh database per call, the interface in English unless asked otherwise.
import { render, type RenderResult } from '@testing-library/react';
import userEvent, { type UserEvent } from '@testing-library/user-event';
import type { i18n } from 'i18next';
import { useState, type ReactNode } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { vi, type Mock } from 'vitest';
import { DeviceContext } from '../../src/app/device-context.js';
import { createI18n, type UiLanguage } from '../../src/app/i18n/i18n.js';
import en from '../../src/app/i18n/locales/en.json';
import nn from '../../src/app/i18n/locales/nn.json';
import { ResponseView } from '../../src/app/questionnaire/ResponseView.js';
import { QuestionnaireScreen, type QuestionnaireSource } from '../../src/app/screens/QuestionnaireScreen.js';
import { RegisterContext } from '../../src/app/sync-context.js';
import { formatPath, type LocalisedText, type ParsedDefinition, type SupportNotice } from '../../src/core/index.js';
import { parseDefinition } from '../../src/core/parse-definition.js';
import {
  createSyncEngine,
  getAnswers,
  httpRegisterClient,
  openDeviceDatabase,
  startResponse,
  type DeviceDatabase,
  type ResponseRecord,
} from '../../src/device/index.js';

/** A text in English, with a bokmål version that says which one is shown. */
export const text = (words: string): LocalisedText => ({ nb: `${words} (nb)`, en: words });

/** Parses a definition as the app does; a test's definition must be valid. */
export function parsed(json: unknown): ParsedDefinition {
  const result = parseDefinition(json);
  if (!result.ok) throw new Error(result.problems.map((p) => `${formatPath(p.path)}: ${p.message}`).join('; '));
  return result;
}

/** A small valid definition around `items`, in bokmål and English. */
export function definitionOf(items: unknown[], extra: Record<string, unknown> = {}): ParsedDefinition {
  return parsed({
    id: 'component-test',
    version: '1',
    languages: ['nb', 'en'],
    title: text('Component test'),
    license: 'test',
    source: { citation: 'test' },
    items,
    ...extra,
  });
}

export const freshDatabase = (): DeviceDatabase => openDeviceDatabase(`test-${crypto.randomUUID()}`);

/** The providers the app puts above every screen; the register is never reached by these tests. */
function Providers({ db, i18n, children }: { db: DeviceDatabase; i18n: i18n; children: ReactNode }) {
  const [register] = useState(() => {
    const client = httpRegisterClient({ fetcher: () => Promise.reject(new TypeError('no register in component tests')) });
    return { client, sync: createSyncEngine({ db, client }) };
  });
  return (
    <DeviceContext.Provider value={db}>
      <RegisterContext.Provider value={register}>
        <I18nextProvider i18n={i18n}>{children}</I18nextProvider>
      </RegisterContext.Provider>
    </DeviceContext.Provider>
  );
}

/** Like QuestionnaireScreen: the questionnaire is read in the interface's current language. */
function InInterfaceLanguage(props: Omit<Parameters<typeof ResponseView>[0], 'language'>) {
  const { i18n } = useTranslation();
  return <ResponseView {...props} language={i18n.language} />;
}

export interface RenderedResponse extends RenderResult {
  db: DeviceDatabase;
  response: ResponseRecord;
  i18n: i18n;
  user: UserEvent;
  onCompleted: Mock<(notices: SupportNotice[]) => void>;
  onExit: Mock<() => void>;
}

/** Every interface language at hand from the start (the app loads all but bokmål when chosen), so a test can switch at once. */
export function testI18n(language: UiLanguage): i18n {
  return createI18n(language, { nn, en });
}

/**
 * A response in progress. Without `response`, one is started with startResponse; with it (read back
 * with getResponse), it is resumed with the answers stored for it, as QuestionnaireScreen does.
 */
export async function renderResponse(
  definition: ParsedDefinition,
  {
    language = 'en',
    db = freshDatabase(),
    response,
  }: { language?: UiLanguage; db?: DeviceDatabase; response?: ResponseRecord | undefined } = {},
): Promise<RenderedResponse> {
  const started = response ?? (await startResponse(db, definition, language));
  const initialAnswers = await getAnswers(db, started.id);
  const i18n = testI18n(language);
  const onCompleted = vi.fn<(notices: SupportNotice[]) => void>();
  const onExit = vi.fn<() => void>();
  const user = userEvent.setup();
  const result = render(
    <Providers db={db} i18n={i18n}>
      <InInterfaceLanguage
        parsed={definition}
        response={started}
        initialAnswers={initialAnswers}
        onCompleted={onCompleted}
        onExit={onExit}
      />
    </Providers>,
  );
  return { ...result, db, response: started, i18n, user, onCompleted, onExit };
}

export interface RenderedScreen extends RenderResult {
  db: DeviceDatabase;
  i18n: i18n;
  user: UserEvent;
}

/** The whole questionnaire screen, loading from the catalogue (stub `fetch`) or the device. */
export function renderScreen(
  source: QuestionnaireSource,
  { language = 'en', db = freshDatabase() }: { language?: UiLanguage; db?: DeviceDatabase } = {},
): RenderedScreen {
  const i18n = testI18n(language);
  const user = userEvent.setup();
  const result = render(
    <Providers db={db} i18n={i18n}>
      <QuestionnaireScreen source={source} />
    </Providers>,
  );
  return { ...result, db, i18n, user };
}
