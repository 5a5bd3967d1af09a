import { joinCodeOfToken } from '../../shared/join-code.ts';

/**
 * The member link the screen shows. The screen link handed out at creation carries the
 * member token in its fragment (`#join=`), which browsers never send to a server: the screen
 * knows it without any server storing a raw token.
 */
export function memberLinkFromScreen(sessionId: string, location: Pick<Location, 'origin' | 'hash'>): string | null {
  const join = memberToken(location);
  return join ? `${location.origin}/s/${encodeURIComponent(sessionId)}?token=${join}` : null;
}

/** The short join code of the same member link (`K7M2-Q9XD`, shared/join-code.ts). */
export function joinCodeFromScreen(location: Pick<Location, 'hash'>): string | null {
  const join = memberToken(location);
  return join ? joinCodeOfToken(join) : null;
}

function memberToken(location: Pick<Location, 'hash'>): string | null {
  const join = new URLSearchParams(location.hash.replace(/^#/, '')).get('join');
  return join && /^[A-Za-z0-9_-]{20,100}$/.test(join) ? join : null;
}
