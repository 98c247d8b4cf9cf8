// The patient's language for the interface and the questionnaire, with the definition's first
// language (marked with lang) where it has no text in theirs; and authored text that is never HTML.
import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, test } from 'vitest';
import { getAnswers } from '../../src/device/index.js';
import hostileTexts from '../fixtures/definitions/accepted/hostile-texts.json';
import { definitionOf, parsed, renderResponse, text } from './render.js';

describe('language', () => {
  const definition = definitionOf([
    {
      id: 'page',
      kind: 'group',
      title: text('About you'),
      items: [
        { id: 'hard', kind: 'yes-no', text: text('Was anything hard?') },
        { id: 'kg', kind: 'decimal', required: false, text: text('Weight') },
      ],
    },
  ]);

  test('switching to bokmål shows the interface in bokmål and the questionnaire in its bokmål text, answers kept', async () => {
    const { i18n, user } = await renderResponse(definition);
    await user.click(screen.getByRole('radio', { name: 'Yes' }));
    expect(screen.getByRole('button', { name: 'Review your answers' })).toBeInTheDocument();

    await act(() => i18n.changeLanguage('nb'));
    expect(screen.getByRole('heading', { level: 2, name: 'About you (nb)' })).toBeInTheDocument();
    const question = screen.getByRole('group', { name: 'Was anything hard? (nb)' });
    expect(within(question).getByRole('radio', { name: 'Ja' })).toBeChecked();
    expect(within(question).getByRole('radio', { name: 'Nei' })).not.toBeChecked();
    expect(screen.getByRole('textbox', { name: /^Weight \(nb\) ?\(valgfritt\)$/ })).toBeInTheDocument();
    expect(screen.getByText('Side 1 av 1')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Se over svarene' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Fortsett senere' })).toBeInTheDocument();
    expect(screen.queryByText('Was anything hard?')).not.toBeInTheDocument();
  });

  test('in bokmål, a decimal comma is shown back as typed and stored as a number; errors are in bokmål', async () => {
    const { db, response, user } = await renderResponse(definition, { language: 'nb' });
    const field = screen.getByRole('textbox', { name: /^Weight \(nb\)/ });
    await user.type(field, '72,55');
    expect(screen.getByRole('alert')).toHaveTextContent('Bruk høyst 1 desimaler.');
    await user.type(field, '{Backspace}');
    await waitFor(async () => expect((await getAnswers(db, response.id)).kg).toEqual({ value: 72.5 }));
    expect(field).toHaveValue('72,5');
  });

  test('a definition without the chosen language shows its first language, marked with lang, in a bokmål interface', async () => {
    const englishOnly = definitionOf([{ id: 'q', kind: 'yes-no', text: { en: 'English only' }, help: { en: 'Help in English' } }], {
      languages: ['en'],
      title: { en: 'An English questionnaire' },
    });
    await renderResponse(englishOnly, { language: 'nb' });
    expect(screen.getByText('English only')).toHaveAttribute('lang', 'en');
    expect(screen.getByText('Help in English')).toHaveAttribute('lang', 'en');
    expect(screen.getByText('An English questionnaire')).toHaveAttribute('lang', 'en');
    expect(screen.getByRole('radio', { name: 'Ja' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Se over svarene' })).toBeInTheDocument();
  });

  test('text in the chosen language carries no lang of its own', async () => {
    await renderResponse(definition, { language: 'nb' });
    expect(screen.getByText('About you (nb)')).not.toHaveAttribute('lang');
    expect(screen.getByText('About you (nb)').closest('[lang]')).toBeNull();
  });
});

describe('authored text is text, never HTML', () => {
  const hostile = (words: string) => ({ nb: words, en: words });

  test('script and img tags in questions, options, help and titles are shown literally, and no element is made of them', async () => {
    const { container, user } = await renderResponse(
      definitionOf(
        [
          {
            id: 'page',
            kind: 'group',
            title: hostile('<b>bold</b> title'),
            text: hostile('<a href="javascript:alert(1)">link</a>'),
            items: [
              {
                id: 'q',
                kind: 'single-choice',
                text: hostile('<script>alert(1)</script>'),
                help: hostile('<iframe src="https://example.org"></iframe>'),
                options: [
                  { code: 'x', text: hostile('<img src=x onerror=alert(1)>') },
                  { code: 'y', text: hostile('<svg onload=alert(1)>') },
                ],
              },
              {
                id: 'later',
                kind: 'text',
                text: hostile('<style>body{display:none}</style>'),
                visibleWhen: { op: 'equals', item: 'q', value: 'x' },
              },
            ],
          },
        ],
        { title: hostile('<script>alert("title")</script>') },
      ),
    );
    await user.click(screen.getByRole('radio', { name: '<img src=x onerror=alert(1)>' }));
    for (const shown of [
      '<script>alert(1)</script>',
      '<img src=x onerror=alert(1)>',
      '<svg onload=alert(1)>',
      '<iframe src="https://example.org"></iframe>',
      '<style>body{display:none}</style>',
      '<script>alert("title")</script>',
      '<b>bold</b> title',
      '<a href="javascript:alert(1)">link</a>',
    ]) {
      expect(screen.getByText(shown)).toBeInTheDocument();
    }
    expect(container.querySelector('script, img, svg, iframe, style, b, a')).toBeNull();
    expect(document.querySelector('script, img')).toBeNull();
  });

  test('the hostile fixture: texts shown as text, and items called "constructor" and "toString" answered like any other', async () => {
    const { container, db, response, user } = await renderResponse(parsed(hostileTexts));
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('<img src=x onerror=alert(1)>');
    await user.click(screen.getByRole('radio', { name: '<svg onload=alert(1)>' }));
    await user.click(screen.getByRole('button', { name: 'Next' }));
    const field = screen.getByRole('textbox', { name: '<img src=x onerror=alert(document.cookie)>' });
    await user.type(field, '<script>alert(3)</script>');
    await waitFor(async () =>
      expect(await getAnswers(db, response.id)).toEqual({ constructor: { value: 'a' }, toString: { value: '<script>alert(3)</script>' } }),
    );
    expect(container.querySelector('script, img, svg, iframe, style, a')).toBeNull();
  });
});
