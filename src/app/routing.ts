// Hash routes keep the app a single precached page that works offline from any route:
//   #/                      the start page
//   #/claim/<code>          the patient's link: claims the order (the code never reaches a server log)
//   #/order/<id>            an order's questionnaires, in sequence
//   #/order/<id>/<n>        the n-th questionnaire of an order (from 1)
//   #/q/<id@version>        a questionnaire tried out on the device
//   #/q/<id@version>/<n>    the same opened at its n-th page (from 1), without the introduction
//   #/tablet/setup          setting the device up as a waiting-room tablet (a tablet shows no routes)
//   #/progress              "My answers over time": the scores kept on this phone
//   #/preview[?watch=1]     register staff: preview a definition file (watch=1: the one `preview` serves)
import { useEffect, useState } from 'react';

export type Route =
  | { name: 'home' }
  | { name: 'claim'; code: string }
  | { name: 'order'; orderId: string }
  | { name: 'orderQuestionnaire'; orderId: string; index: number }
  | { name: 'questionnaire'; key: string; page?: number }
  | { name: 'tabletSetup' }
  | { name: 'progress' }
  | { name: 'preview'; isWatching: boolean };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  const [first, second, third] = parts;
  if (first === 'claim' && second) return { name: 'claim', code: second };
  if (first === 'order' && second && third && /^\d+$/.test(third) && Number(third) >= 1)
    return { name: 'orderQuestionnaire', orderId: second, index: Number(third) - 1 };
  if (first === 'order' && second && parts.length === 2) return { name: 'order', orderId: second };
  if (first === 'q' && second && parts.length === 2) return { name: 'questionnaire', key: second };
  if (first === 'q' && second && third && parts.length === 3 && /^\d+$/.test(third) && Number(third) >= 1)
    return { name: 'questionnaire', key: second, page: Number(third) - 1 };
  if (first === 'tablet' && second === 'setup') return { name: 'tabletSetup' };
  if (first === 'progress' && parts.length === 1) return { name: 'progress' };
  if (first?.split('?')[0] === 'preview') return { name: 'preview', isWatching: /[?&]watch=1(&|$)/.test(first) };
  return { name: 'home' };
}

export function hrefFor(route: Route): string {
  switch (route.name) {
    case 'home':
      return '#/';
    case 'claim':
      return `#/claim/${encodeURIComponent(route.code)}`;
    case 'order':
      return `#/order/${encodeURIComponent(route.orderId)}`;
    case 'orderQuestionnaire':
      return `#/order/${encodeURIComponent(route.orderId)}/${route.index + 1}`;
    case 'questionnaire':
      return `#/q/${encodeURIComponent(route.key)}${route.page === undefined ? '' : `/${route.page + 1}`}`;
    case 'tabletSetup':
      return '#/tablet/setup';
    case 'progress':
      return '#/progress';
    case 'preview':
      return route.isWatching ? '#/preview?watch=1' : '#/preview';
  }
}

/** Goes to a route; `replace` keeps the current entry out of the history (an access code, say). */
export function navigate(route: Route, { replace = false } = {}): void {
  if (replace) window.location.replace(hrefFor(route));
  else window.location.hash = hrefFor(route);
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
