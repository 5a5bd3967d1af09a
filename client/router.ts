// The three kinds of page, read from the location: the app has no other routes.
export type Route =
  | { readonly page: 'home' }
  | { readonly page: 'room'; readonly sessionId: string; readonly token: string }
  | { readonly page: 'screen'; readonly sessionId: string; readonly token: string }
  | { readonly page: 'notFound' };

export function routeOf(location: Pick<Location, 'pathname' | 'search'>): Route {
  const token = new URLSearchParams(location.search).get('token') ?? '';
  const path = location.pathname.replace(/\/+$/, '');
  if (path === '') return { page: 'home' };
  const match = /^\/s\/([^/]+)(\/screen)?$/.exec(path);
  if (!match?.[1]) return { page: 'notFound' };
  const sessionId = decodeURIComponent(match[1]);
  return match[2] ? { page: 'screen', sessionId, token } : { page: 'room', sessionId, token };
}
