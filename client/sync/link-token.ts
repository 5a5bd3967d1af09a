// A link's token leaves the address bar as soon as the page has it: out of the history,
// of a screenshot, of a shoulder's view. The tab keeps it (sessionStorage) so that a
// reload still opens the page; a person who joined needs it no more (his credential).
import { readStored, writeStored } from './device.ts';

const key = (pathname: string) => `entraide:link:${pathname}`;
const inMemory = new Map<string, string>();

/** The token this page was opened with, taken out of the address bar. */
export function takeLinkToken(location: Pick<Location, 'pathname' | 'search' | 'hash'>): string {
  const params = new URLSearchParams(location.search);
  const fromUrl = params.get('token');
  if (fromUrl) {
    inMemory.set(location.pathname, fromUrl);
    writeStored(key(location.pathname), fromUrl, 'session');
    params.delete('token');
    const rest = params.toString();
    history.replaceState(history.state, '', `${location.pathname}${rest ? `?${rest}` : ''}${location.hash}`);
    return fromUrl;
  }
  return inMemory.get(location.pathname) ?? readStored(key(location.pathname), 'session') ?? '';
}
