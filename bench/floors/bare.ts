// Tap floor 1, the bare page: our first question page's markup drawn once with DOM calls, no
// framework, and one raw IndexedDB put per tap into an `answers` store. What a tap costs when
// nothing but the browser and IndexedDB stand between the finger and the disk.
import '../../src/app/styles.css';
import { answerRow } from './row.js';
import type { FloorItem, FloorPage } from './spec.js';

declare const __FLOOR_PAGES__: Record<string, FloorPage>;

type Child = Node | string | false | undefined;

function h(tag: string, attributes: Record<string, string> = {}, ...children: Child[]): HTMLElement {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  for (const child of children) if (child) element.append(child);
  return element;
}

function fieldset(item: FloorItem, words: FloorPage['words']): HTMLElement {
  return h(
    'fieldset',
    {
      class: `item item-${item.kind}`,
      id: `item-${item.id}`,
      tabindex: '-1',
      ...(item.help ? { 'aria-describedby': `${item.id}-help` } : {}),
    },
    h('legend', { class: 'question' }, item.question, item.optional && h('span', { class: 'optional' }, ` (${words.optional})`)),
    item.help && h('p', { class: 'help', id: `${item.id}-help` }, item.help),
    h(
      'div',
      { class: 'choices' },
      ...item.options.map((option) =>
        h(
          'label',
          { class: 'choice' },
          h('input', { type: 'radio', name: item.id, value: option.value, ...(item.optional ? {} : { required: '' }) }),
          option.step === undefined
            ? h('span', {}, option.label ?? '')
            : h(
                'span',
                {},
                h('span', { class: 'step' }, option.step),
                option.label !== undefined && h('span', { class: 'step-label' }, option.label),
              ),
        ),
      ),
    ),
    item.decline && h('label', { class: 'decline' }, h('input', { type: 'checkbox' }), words.preferNotToAnswer),
  );
}

function draw(page: FloorPage): HTMLElement {
  const { words } = page;
  return h(
    'div',
    {},
    h('a', { class: 'skip-link', href: '#main' }, words.skip),
    h('header', { class: 'app-header' }, h('a', { class: 'app-name', href: '#/' }, words.appName)),
    h(
      'main',
      { id: 'main', tabindex: '-1' },
      h(
        'section',
        { class: 'response', 'aria-labelledby': 'page-heading' },
        h('h1', { class: 'questionnaire-title' }, page.title),
        h(
          'div',
          { class: 'progress' },
          page.heading !== page.pageOf && h('span', {}, page.pageOf),
          h('progress', { max: String(page.total), value: '1', 'aria-label': words.progress }),
        ),
        h(
          'form',
          { class: 'page', novalidate: '', autocomplete: 'off' },
          h('h2', { id: 'page-heading', tabindex: '-1' }, page.heading),
          page.introduction && h('p', { class: 'introduction' }, page.introduction),
          page.groupText && h('p', { class: 'group-text' }, page.groupText),
          ...page.items.map((item) => fieldset(item, words)),
          h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, words.next)),
          h('button', { type: 'button', class: 'link' }, words.exit),
        ),
      ),
    ),
  );
}

function openDatabase(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open('floor-bare', 1);
    request.onupgradeneeded = () => request.result.createObjectStore('answers', { keyPath: ['responseId', 'itemId'] });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB did not open'));
  });
}

const page = __FLOOR_PAGES__[new URLSearchParams(location.search).get('q') ?? 'ede-q'];
if (!page) throw new Error('no such floor page');
const responseId = crypto.randomUUID();
const database = openDatabase();
const root = document.getElementById('root')!;
root.replaceChildren(draw(page));
root.addEventListener('change', (event) => {
  const input = event.target;
  if (!(input instanceof HTMLInputElement) || input.type !== 'radio') return;
  void database.then((db) =>
    db
      .transaction('answers', 'readwrite')
      .objectStore('answers')
      .put(answerRow(responseId, input.name, input.value)),
  );
});
root.querySelector('form')!.addEventListener('submit', (event) => event.preventDefault());
