// The links this device made, kept in its localStorage so that their creator finds them
// again: a session's host, member and screen links (the room's *Liens et participants*), a
// club's admin and invite links (the club's page, for an admin). The server keeps only their
// hashes and never gives a link back (docs/security.md): a device that did not keep one
// renews it. Kept at creation and at each renewal made here; a link renewed on another
// device is found out (the session's API refuses its token, the club's invite check differs)
// and no longer shown.
import { z } from 'zod';
import { readStored, removeStored, writeStored } from './device.ts';

// A path of this app, never an address elsewhere or a `javascript:` link: what is read back
// from storage ends in an `href`.
const SessionPath = z.string().max(400).regex(/^\/s\/[A-Za-z0-9_-]+(\/screen)?\?token=[A-Za-z0-9_-]+(#join=[A-Za-z0-9_-]+)?$/);
const ClubPath = z.string().max(400).regex(/^\/c\/[A-Za-z0-9_-]+\/join\?token=[A-Za-z0-9_-]+$/);

const KeptSession = z.object({ host: SessionPath.optional(), member: SessionPath.optional(), screen: SessionPath.optional() });
export type KeptSessionLinks = z.infer<typeof KeptSession>;
export type SessionLinkRole = keyof KeptSessionLinks;

const KeptClub = z.object({ admin: ClubPath.optional(), invite: ClubPath.optional() });
export type KeptClubLinks = z.infer<typeof KeptClub>;

const sessionKey = (sessionId: string) => `entraide:kept-links:session:${sessionId}`;
const clubKey = (clubId: string) => `entraide:kept-links:club:${clubId}`;

/** Each link on its own: one that does not read as a link of ours is dropped, not the rest. */
function valid<T extends object>(schema: z.ZodType<T>, value: unknown): T {
  const kept: Record<string, unknown> = {};
  if (typeof value !== 'object' || value === null) return kept as T;
  for (const [name, link] of Object.entries(value)) {
    const one = schema.safeParse({ [name]: link });
    if (one.success) Object.assign(kept, one.data);
  }
  return kept as T;
}

function read<T extends object>(key: string, schema: z.ZodType<T>): T {
  const raw = readStored(key);
  try {
    return valid(schema, raw ? JSON.parse(raw) : null);
  } catch {
    return valid(schema, null);
  }
}

function write<T extends object>(key: string, schema: z.ZodType<T>, links: object): void {
  const kept = valid(schema, links);
  if (Object.values(kept).some((v) => v !== undefined)) writeStored(key, JSON.stringify(kept));
  else removeStored(key);
}

/** A path's link, or the link as given if it is already absolute. */
const pathOf = (link: string): string => {
  const url = new URL(link, location.origin);
  return `${url.pathname}${url.search}${url.hash}`;
};

export function keptSessionLinks(sessionId: string): KeptSessionLinks {
  return read(sessionKey(sessionId), KeptSession);
}

/** Keeps these links of the session (paths or addresses of this origin), over those kept before. */
export function keepSessionLinks(sessionId: string, links: Partial<Record<SessionLinkRole, string>>): void {
  const next: Record<string, string | undefined> = { ...keptSessionLinks(sessionId) };
  for (const [role, link] of Object.entries(links)) if (link) next[role] = pathOf(link);
  write(sessionKey(sessionId), KeptSession, next);
}

/** Forgets links of the session found renewed elsewhere. */
export function forgetSessionLinks(sessionId: string, roles: readonly SessionLinkRole[]): void {
  const next: KeptSessionLinks = { ...keptSessionLinks(sessionId) };
  for (const role of roles) delete next[role];
  write(sessionKey(sessionId), KeptSession, next);
}

export function keptClubLinks(clubId: string): KeptClubLinks {
  return read(clubKey(clubId), KeptClub);
}

export function keepClubLinks(clubId: string, links: Partial<Record<keyof KeptClubLinks, string>>): void {
  const next: Record<string, string | undefined> = { ...keptClubLinks(clubId) };
  for (const [kind, link] of Object.entries(links)) if (link) next[kind] = pathOf(link);
  write(clubKey(clubId), KeptClub, next);
}

/** The token of a link (`?token=`), or null. */
export function tokenOfLink(link: string | undefined): string | null {
  return link ? new URL(link, location.origin).searchParams.get('token') : null;
}

/** A screen link that shows this member token in its join panel (`#join=`: never sent to a server). */
export function screenLinkWithJoin(screenLink: string, memberToken: string | null): string {
  const url = new URL(screenLink, location.origin);
  url.hash = memberToken ? `join=${memberToken}` : '';
  return `${url.pathname}${url.search}${url.hash}`;
}

/** A path of this origin as the address to hand out. */
export const absoluteLink = (path: string): string => new URL(path, location.origin).toString();
