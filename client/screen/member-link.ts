/**
 * The member link the screen shows. The screen link handed out at creation carries the
 * member token in its fragment (`#join=`), which browsers never send to a server: the screen
 * knows it without any server storing a raw token.
 */
export function memberLinkFromScreen(sessionId: string, location: Pick<Location, 'origin' | 'hash'>): string | null {
  const join = new URLSearchParams(location.hash.replace(/^#/, '')).get('join');
  if (!join || !/^[A-Za-z0-9_-]{20,100}$/.test(join)) return null;
  return `${location.origin}/s/${encodeURIComponent(sessionId)}?token=${join}`;
}
