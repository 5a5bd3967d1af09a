// The kinds of page, read from the location: the app has no other routes.
export type Route =
  | { readonly page: 'home' }
  | { readonly page: 'room'; readonly sessionId: string; readonly token: string; readonly clubId: string | null }
  | { readonly page: 'screen'; readonly sessionId: string; readonly token: string }
  | { readonly page: 'summary'; readonly sessionId: string; readonly token: string }
  | { readonly page: 'clubJoin'; readonly clubId: string; readonly token: string }
  | { readonly page: 'joinCode'; readonly code: string }
  | { readonly page: 'club'; readonly clubId: string }
  | { readonly page: 'clubSummary'; readonly clubId: string; readonly sessionId: string; readonly query: string }
  | { readonly page: 'clubLearnings'; readonly clubId: string }
  | { readonly page: 'notFound' };

/** `linkToken`: the page's token once out of the address bar (see sync/link-token.ts). */
export function routeOf(location: Pick<Location, 'pathname' | 'search'>, linkToken?: string): Route {
  const params = new URLSearchParams(location.search);
  const token = linkToken ?? params.get('token') ?? '';
  const path = location.pathname.replace(/\/+$/, '');
  if (path === '') return { page: 'home' };
  const decode = (s: string) => decodeURIComponent(s);
  const session = /^\/s\/([^/]+)(\/screen|\/summary)?$/.exec(path);
  if (session?.[1]) {
    const sessionId = decode(session[1]);
    // The summary as a page to read, with a session link's token: no name asked.
    if (session[2] === '/summary') return { page: 'summary', sessionId, token };
    // From a club's page: the member's own credential opens it (`?club=`), no link token.
    return session[2] === '/screen' ? { page: 'screen', sessionId, token } : { page: 'room', sessionId, token, clubId: params.get('club') };
  }
  // The short join address the room's screen shows (shared/join-code.ts).
  const code = /^\/j\/([^/]+)$/.exec(path);
  if (code?.[1]) return { page: 'joinCode', code: decode(code[1]) };
  const club = /^\/c\/([^/]+)(?:\/(join|me|s\/([^/]+)))?$/.exec(path);
  if (club?.[1]) {
    const clubId = decode(club[1]);
    if (club[2] === 'join') return { page: 'clubJoin', clubId, token };
    if (club[2] === 'me') return { page: 'clubLearnings', clubId };
    if (club[3]) return { page: 'clubSummary', clubId, sessionId: decode(club[3]), query: params.get('q') ?? '' };
    return { page: 'club', clubId };
  }
  return { page: 'notFound' };
}

export const clubPath = (clubId: string) => `/c/${encodeURIComponent(clubId)}`;
export const clubSessionPath = (clubId: string, sessionId: string) => `/s/${encodeURIComponent(sessionId)}?club=${encodeURIComponent(clubId)}`;
export const clubSummaryPath = (clubId: string, sessionId: string, query = '') =>
  `${clubPath(clubId)}/s/${encodeURIComponent(sessionId)}${query ? `?q=${encodeURIComponent(query)}` : ''}`;
