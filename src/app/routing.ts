// Hash routes: #/ is the start page, #/q/<id@version> a questionnaire. The hash keeps the app a
// single precached page that works offline from any route.
import { useEffect, useState } from 'react';

export type Route = { name: 'home' } | { name: 'questionnaire'; key: string };

export function parseRoute(hash: string): Route {
  const match = /^#\/q\/([^/]+)$/.exec(hash);
  if (match?.[1]) return { name: 'questionnaire', key: decodeURIComponent(match[1]) };
  return { name: 'home' };
}

export function hrefFor(route: Route): string {
  return route.name === 'home' ? '#/' : `#/q/${encodeURIComponent(route.key)}`;
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
