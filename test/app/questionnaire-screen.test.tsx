// The questionnaire screen as a patient opens it from the app's catalogue: never a blank page. A
// definition with mistakes says what is wrong and where; a network failure offers to try again; a
// valid one is introduced, answered, completed, and resumed where it was left.
import { act, render, screen, waitFor } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { DefinitionErrorPage } from '../../src/app/questionnaire/DefinitionErrorPage.js';
import { hrefFor, parseRoute } from '../../src/app/routing.js';
import { formatPath } from '../../src/core/index.js';
import { parseDefinition } from '../../src/core/parse-definition.js';
import { getAnswers, listResponses, ResponseStatus, setAnswer, startResponse } from '../../src/device/index.js';
import brokenReferences from '../fixtures/definitions/rejected/broken-references.json';
import { freshDatabase, parsed, renderScreen, testI18n, text } from './render.js';

const small = {
  id: 'small',
  version: '1',
  languages: ['nb', 'en'],
  title: text('A small questionnaire'),
  introduction: text('Two short questions.'),
  license: 'test',
  source: { citation: 'test' },
  items: [
    { id: 'first', kind: 'group', title: text('First page'), items: [{ id: 'ok', kind: 'yes-no', text: text('Are you well?') }] },
    {
      id: 'second',
      kind: 'group',
      title: text('Second page'),
      items: [{ id: 'days', kind: 'integer', min: 0, max: 7, text: text('How many days?') }],
    },
  ],
};

/** What the app's server holds: a path's body (JSON or text) or a status; anything else is 404. */
function serve(files: Record<string, unknown>) {
  return vi.fn(async (input: RequestInfo | URL): Promise<Response> => {
    const path = String(input);
    if (!Object.hasOwn(files, path)) return new Response('not found', { status: 404 });
    const file = files[path];
    if (typeof file === 'number') return new Response('', { status: file });
    return new Response(typeof file === 'string' ? file : JSON.stringify(file), { status: 200 });
  });
}

const catalogue = (key: string, file: string) => ({ questionnaires: [{ key, file, title: text('A questionnaire') }] });

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('a definition that is not valid', () => {
  test('DefinitionErrorPage lists every problem from parseDefinition, with its JSON path and message', () => {
    const result = parseDefinition(brokenReferences);
    if (result.ok) throw new Error('the fixture should be rejected');
    render(
      <I18nextProvider i18n={testI18n('en')}>
        <DefinitionErrorPage problems={result.problems} />
      </I18nextProvider>,
    );
    const page = screen.getByRole('alert');
    expect(page).toHaveTextContent('This questionnaire cannot be shown');
    const listed = screen.getAllByRole('listitem');
    expect(listed).toHaveLength(result.problems.length);
    expect(result.problems.length).toBeGreaterThanOrEqual(4);
    result.problems.forEach((problem, i) => {
      expect(listed[i]?.querySelector('code')).toHaveTextContent(formatPath(problem.path));
      expect(listed[i]).toHaveTextContent(problem.message);
    });
    expect(screen.getByText('$.items[1].optionSet')).toBeInTheDocument();
    expect(screen.getByText('there is no option set "moods" in "optionSets"')).toHaveAttribute('lang', 'en');
  });

  test('opened from the catalogue, it shows "This questionnaire cannot be shown" with its problems, not a blank screen', async () => {
    const fetch = serve({
      '/questionnaires/index.json': catalogue('broken-references@1', 'broken.json'),
      '/questionnaires/broken.json': brokenReferences,
    });
    vi.stubGlobal('fetch', fetch);
    renderScreen({ kind: 'practice', key: 'broken-references@1' });
    expect(screen.getByRole('status')).toHaveTextContent('Loading …');
    expect(await screen.findByRole('heading', { name: 'This questionnaire cannot be shown' })).toBeInTheDocument();
    expect(screen.getByText('$.items[3].visibleWhen.conditions[1].item')).toBeInTheDocument();
    expect(screen.getByText('there is no item "ghost"')).toBeInTheDocument();
    expect(fetch.mock.calls.map(([url]) => String(url))).toEqual(['/questionnaires/index.json', '/questionnaires/broken.json']);
  });

  test('a file that is not JSON at all is shown as a problem too, in bokmål around the English message', async () => {
    vi.stubGlobal('fetch', serve({ '/questionnaires/index.json': catalogue('x@1', 'x.json'), '/questionnaires/x.json': '{ "id": "x", }' }));
    renderScreen({ kind: 'practice', key: 'x@1' }, { language: 'nb' });
    expect(await screen.findByRole('heading', { name: 'Dette skjemaet kan ikke vises' })).toBeInTheDocument();
    expect(screen.getByRole('listitem')).toHaveTextContent(/^\$ not valid JSON/);
  });
});

describe('when the questionnaire cannot be fetched', () => {
  test('a network failure says so and offers to try again, which then opens it', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))),
    );
    const { user } = renderScreen({ kind: 'practice', key: 'small@1' });
    expect(
      await screen.findByRole('heading', { name: 'Could not fetch the questionnaire. Check your network connection and try again.' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'To the start page' })).toHaveAttribute('href', '#/');

    vi.stubGlobal(
      'fetch',
      serve({ '/questionnaires/index.json': catalogue('small@1', 'small.json'), '/questionnaires/small.json': small }),
    );
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('heading', { name: 'A small questionnaire' })).toBeInTheDocument();
  });

  test('a server error is treated like the network: try again', async () => {
    vi.stubGlobal('fetch', serve({ '/questionnaires/index.json': catalogue('small@1', 'small.json'), '/questionnaires/small.json': 503 }));
    renderScreen({ kind: 'practice', key: 'small@1' });
    expect(await screen.findByRole('button', { name: 'Try again' })).toBeInTheDocument();
  });

  test('a questionnaire that is not on the server says it was not found, with no point in trying again', async () => {
    vi.stubGlobal('fetch', serve({ '/questionnaires/index.json': catalogue('small@1', 'small.json') }));
    renderScreen({ kind: 'practice', key: 'small@1' });
    expect(await screen.findByRole('heading', { name: 'The questionnaire “small@1” was not found.' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Try again' })).not.toBeInTheDocument();
  });

  test('a key that is not in the catalogue is not found either', async () => {
    vi.stubGlobal('fetch', serve({ '/questionnaires/index.json': catalogue('small@1', 'small.json') }));
    renderScreen({ kind: 'practice', key: 'other@2' });
    expect(await screen.findByRole('heading', { name: 'The questionnaire “other@2” was not found.' })).toBeInTheDocument();
  });
});

describe('a valid questionnaire from the catalogue', () => {
  const files = { '/questionnaires/index.json': catalogue('small@1', 'small.json'), '/questionnaires/small.json': small };

  test('is introduced, answered, completed and thanked for', async () => {
    vi.stubGlobal('fetch', serve(files));
    const { db, user } = renderScreen({ kind: 'practice', key: 'small@1' });
    expect(await screen.findByRole('heading', { level: 1, name: 'A small questionnaire' })).toBeInTheDocument();
    expect(screen.getByText('Two short questions.')).toBeInTheDocument();
    expect(screen.getByText('Page 1 of 2')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Start' }));

    await user.click(await screen.findByRole('radio', { name: 'Yes' }));
    await user.click(screen.getByRole('button', { name: 'Next' }));
    await user.type(screen.getByRole('textbox', { name: 'How many days?' }), '5');
    await user.click(screen.getByRole('button', { name: 'Review your answers' }));
    await user.click(screen.getByRole('button', { name: 'Complete' }));

    expect(await screen.findByRole('heading', { name: 'Thank you for your answers!' })).toBeInTheDocument();
    expect(screen.getByText('The questionnaire is complete and saved on this device.')).toBeInTheDocument();
    const [response] = await listResponses(db);
    expect(response).toMatchObject({ definitionKey: 'small@1', status: ResponseStatus.completed, language: 'en' });
    expect(await getAnswers(db, response!.id)).toEqual({ ok: { value: true }, days: { value: 5 } });
  });

  test('opened again, a response in progress resumes on its page with its answers, without fetching', async () => {
    vi.stubGlobal('fetch', serve(files));
    const db = freshDatabase();
    const first = renderScreen({ kind: 'practice', key: 'small@1' }, { db });
    await first.user.click(await screen.findByRole('button', { name: 'Start' }));
    await first.user.click(await screen.findByRole('radio', { name: 'No' }));
    await first.user.click(screen.getByRole('button', { name: 'Next' }));
    await first.user.type(screen.getByRole('textbox', { name: 'How many days?' }), '3');
    await waitFor(async () => {
      const [response] = await listResponses(db);
      expect(response?.pageIndex).toBe(1);
      expect(await getAnswers(db, response!.id)).toEqual({ ok: { value: false }, days: { value: 3 } });
    });
    first.unmount();

    const offline = vi.fn(async () => Promise.reject(new TypeError('Failed to fetch')));
    vi.stubGlobal('fetch', offline);
    const { user } = renderScreen({ kind: 'practice', key: 'small@1' }, { db });
    expect(await screen.findByRole('heading', { level: 2, name: 'Second page' })).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'How many days?' })).toHaveValue('3');
    await user.click(screen.getByRole('button', { name: 'Back' }));
    expect(screen.getByRole('radio', { name: 'No' })).toBeChecked();
    expect(offline).not.toHaveBeenCalled();
  });

  test('the language the questionnaire is read in is recorded on the response', async () => {
    vi.stubGlobal('fetch', serve(files));
    const { db, i18n, user } = renderScreen({ kind: 'practice', key: 'small@1' });
    await user.click(await screen.findByRole('button', { name: 'Start' }));
    expect(await screen.findByRole('group', { name: 'Are you well?' })).toBeInTheDocument();
    await act(() => i18n.changeLanguage('nb'));
    expect(screen.getByRole('group', { name: 'Are you well? (nb)' })).toBeInTheDocument();
    await waitFor(async () => expect((await listResponses(db))[0]?.language).toBe('nb'));
  });

  test('a response is written for its language only when the language changes, not on opening one started in it', async () => {
    vi.stubGlobal('fetch', serve(files));
    const db = freshDatabase();
    const updates: unknown[] = [];
    db.responses.hook('updating', (changes) => void updates.push(changes));
    const { i18n } = renderScreen({ kind: 'practice', key: 'small@1', page: 0 }, { db });
    expect(await screen.findByRole('group', { name: 'Are you well?' })).toBeInTheDocument();
    await act(() => i18n.changeLanguage('nb'));
    await waitFor(async () => expect((await listResponses(db))[0]?.language).toBe('nb'));
    // Effects run in order: a write on opening would have come before this one.
    expect(updates).toEqual([expect.objectContaining({ language: 'nb' })]);
  });
});

describe('a questionnaire opened at a page, without its introduction', () => {
  const files = { '/questionnaires/index.json': catalogue('small@1', 'small.json'), '/questionnaires/small.json': small };

  test('opened at its first page (#/q/<key>/1), it skips the introduction: page 1 with its text, a response started in the interface language', async () => {
    vi.stubGlobal('fetch', serve(files));
    const { db, user } = renderScreen({ kind: 'practice', key: 'small@1', page: 0 });
    expect(await screen.findByRole('heading', { level: 2, name: 'First page' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Start' })).not.toBeInTheDocument();
    // What the introduction said is on the first page.
    expect(screen.getByText('Two short questions.')).toBeInTheDocument();
    const [response] = await listResponses(db);
    expect(response).toMatchObject({ definitionKey: 'small@1', status: ResponseStatus.inProgress, pageIndex: 0, language: 'en' });
    await user.click(screen.getByRole('radio', { name: 'Yes' }));
    await waitFor(async () => expect(await getAnswers(db, response!.id)).toEqual({ ok: { value: true } }));
  });

  test('opened at a page, a response in progress continues there with its answers; one past the last page opens the last', async () => {
    vi.stubGlobal('fetch', serve(files));
    const db = freshDatabase();
    const first = renderScreen({ kind: 'practice', key: 'small@1', page: 0 }, { db });
    await first.user.click(await screen.findByRole('radio', { name: 'No' }));
    await waitFor(async () => expect(await getAnswers(db, (await listResponses(db))[0]!.id)).toEqual({ ok: { value: false } }));
    first.unmount();

    const second = renderScreen({ kind: 'practice', key: 'small@1', page: 1 }, { db });
    expect(await screen.findByRole('heading', { level: 2, name: 'Second page' })).toBeInTheDocument();
    await second.user.click(screen.getByRole('button', { name: 'Back' }));
    expect(screen.getByRole('radio', { name: 'No' })).toBeChecked();
    second.unmount();

    renderScreen({ kind: 'practice', key: 'small@1', page: 5 }, { db });
    expect(await screen.findByRole('heading', { level: 2, name: 'Second page' })).toBeInTheDocument();
    const responses = await listResponses(db);
    expect(responses).toHaveLength(1);
    expect(responses[0]).toMatchObject({ pageIndex: 1, onReview: false });
  });

  test('the route #/q/<key>/<n> opens page n; #/q/<key> the introduction', () => {
    expect(parseRoute('#/q/ede-q%406.0/1')).toEqual({ name: 'questionnaire', key: 'ede-q@6.0', page: 0 });
    expect(parseRoute('#/q/ede-q%406.0')).toEqual({ name: 'questionnaire', key: 'ede-q@6.0' });
    expect(parseRoute('#/q/ede-q%406.0/0')).toEqual({ name: 'home' });
    expect(hrefFor({ name: 'questionnaire', key: 'ede-q@6.0', page: 2 })).toBe('#/q/ede-q%406.0/3');
    expect(hrefFor({ name: 'questionnaire', key: 'ede-q@6.0' })).toBe('#/q/ede-q%406.0');
  });
});

describe('a page drawn before its response is stored', () => {
  const files = { '/questionnaires/index.json': catalogue('small@1', 'small.json'), '/questionnaires/small.json': small };

  test('page 1 is drawn while its response is stored; one another tab started at that moment is answered instead, with its answers', async () => {
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const files = serve({ '/questionnaires/index.json': catalogue('small@1', 'small.json'), '/questionnaires/small.json': small });
    const fetcher = vi.fn(async (input: RequestInfo | URL) => {
      if (String(input).endsWith('small.json')) await held;
      return files(input);
    });
    vi.stubGlobal('fetch', fetcher);
    const db = freshDatabase();
    const { user } = renderScreen({ kind: 'practice', key: 'small@1', page: 0 }, { db });
    await waitFor(() => expect(fetcher).toHaveBeenCalledWith('/questionnaires/small.json'));
    // Another tab starts the same questionnaire and answers, after this one looked for a response in progress.
    const other = await startResponse(db, parsed(small), 'en');
    await setAnswer(db, other.id, 'ok', { value: false });
    release();

    await waitFor(() => expect(screen.getByRole('radio', { name: 'No' })).toBeChecked());
    await user.click(screen.getByRole('radio', { name: 'Yes' }));
    await waitFor(async () => expect(await getAnswers(db, other.id)).toEqual({ ok: { value: true } }));
    expect(await listResponses(db)).toHaveLength(1);
  });

  test('a response that cannot be stored is said as a failure to open the questionnaire, and trying again opens it', async () => {
    vi.stubGlobal('fetch', serve(files));
    const db = freshDatabase();
    const refuse = () => {
      throw new DOMException('The disk is full', 'QuotaExceededError');
    };
    db.responses.hook('creating', refuse);
    const { user } = renderScreen({ kind: 'practice', key: 'small@1', page: 0 }, { db });
    expect(await screen.findByRole('button', { name: 'Try again' })).toBeInTheDocument();
    expect(await listResponses(db)).toEqual([]);

    db.responses.hook('creating').unsubscribe(refuse);
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('heading', { level: 2, name: 'First page' })).toBeInTheDocument();
    await waitFor(async () => expect(await listResponses(db)).toHaveLength(1));
  });
});
