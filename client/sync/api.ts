// The HTTP API, with every answer parsed by the shared schemas.
import { z } from 'zod';
import { CreateSessionResponse, JoinCodeSession, JoinedByCode, ParticipantCredential, ParticipantView, ReissuedLink, SessionInfo } from '../../shared/schemas.ts';
import type { CreateSessionBody } from '../../shared/schemas.ts';
import { parseSessionSummary } from '../../shared/session/index.ts';
import type { SessionSummary } from '../../shared/session/index.ts';

const ErrorBody = z.object({ error: z.string() });

export type SessionInfoResult =
  | { readonly ok: true; readonly info: SessionInfo; readonly fromCache: boolean }
  | { readonly ok: false; readonly reason: 'unauthorized' | 'notFound' | 'offline' | 'server'; readonly message: string };

const cacheKey = (id: string, token: string) => `entraide:session:${id}:${token.slice(0, 8)}`;

function cached(id: string, token: string): SessionInfo | null {
  try {
    const raw = localStorage.getItem(cacheKey(id, token));
    const parsed = raw ? SessionInfo.safeParse(JSON.parse(raw)) : null;
    return parsed?.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * Who the token says we are in this session. The answer is kept on the device, so a page
 * reloaded without network still opens (the document itself comes from IndexedDB).
 */
export async function fetchSessionInfo(id: string, token: string): Promise<SessionInfoResult> {
  let res: Response;
  try {
    res = await fetch(`/api/sessions/${encodeURIComponent(id)}?token=${encodeURIComponent(token)}`);
  } catch (err) {
    const info = cached(id, token);
    if (info) return { ok: true, info, fromCache: true };
    return { ok: false, reason: 'offline', message: err instanceof Error ? err.message : String(err) };
  }
  const body: unknown = await res.json().catch(() => null);
  if (res.ok) {
    const info = SessionInfo.safeParse(body);
    if (!info.success) return { ok: false, reason: 'server', message: 'unexpected answer from the server' };
    try {
      localStorage.setItem(cacheKey(id, token), JSON.stringify(info.data));
    } catch {
      // No storage: the page simply will not open offline.
    }
    return { ok: true, info: info.data, fromCache: false };
  }
  const message = ErrorBody.safeParse(body).data?.error ?? res.statusText;
  if (res.status === 401 || res.status === 403) return { ok: false, reason: 'unauthorized', message };
  if (res.status === 404) return { ok: false, reason: 'notFound', message };
  // A proxy in front of a server that is down: like no network at all.
  if (res.status === 502 || res.status === 503 || res.status === 504) {
    const info = cached(id, token);
    if (info) return { ok: true, info, fromCache: true };
  }
  return { ok: false, reason: 'server', message };
}

export async function createSession(body: CreateSessionBody): Promise<CreateSessionResponse> {
  const res = await fetch('/api/sessions', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json: unknown = await res.json().catch(() => null);
  if (res.status !== 201) {
    const message = ErrorBody.safeParse(json).data?.error ?? res.statusText;
    throw new ApiError(res.status, message, Number(res.headers.get('retry-after')) || null);
  }
  return CreateSessionResponse.parse(json);
}

/** A refusal from the server: its status, its message, and when to try again if it said. */
export class ApiError extends Error {
  readonly status: number;
  readonly retryAfterS: number | null;
  constructor(status: number, message: string, retryAfterS: number | null = null) {
    super(message);
    this.status = status;
    this.retryAfterS = retryAfterS;
  }
}

/** The summary from the API (JSON or Markdown), in the reader's language. */
export function summaryUrl(id: string, token: string, format: 'json' | 'md', lang: string = 'fr'): string {
  const base = `/api/sessions/${encodeURIComponent(id)}/summary?token=${encodeURIComponent(token)}`;
  return format === 'md' ? `${base}&format=md&lang=${lang === 'en' ? 'en' : 'fr'}` : base;
}

/** The summary as a readable page (client/summary/SummaryPage.tsx). */
export function summaryPageUrl(id: string, token: string, lang: string = 'fr'): string {
  return `/s/${encodeURIComponent(id)}/summary?token=${encodeURIComponent(token)}&lang=${lang === 'en' ? 'en' : 'fr'}`;
}

export type SummaryResult =
  | { readonly ok: true; readonly summary: SessionSummary }
  | { readonly ok: false; readonly reason: 'unauthorized' | 'notFound' | 'offline' | 'server'; readonly message: string };

export async function fetchSummary(id: string, token: string): Promise<SummaryResult> {
  let res: Response;
  try {
    res = await fetch(summaryUrl(id, token, 'json'), { headers: { accept: 'application/json' } });
  } catch (err) {
    return { ok: false, reason: 'offline', message: err instanceof Error ? err.message : String(err) };
  }
  const body: unknown = await res.json().catch(() => null);
  if (res.ok) {
    try {
      return { ok: true, summary: parseSessionSummary(body) };
    } catch {
      return { ok: false, reason: 'server', message: 'unexpected answer from the server' };
    }
  }
  const message = ErrorBody.safeParse(body).data?.error ?? res.statusText;
  if (res.status === 401 || res.status === 403) return { ok: false, reason: 'unauthorized', message };
  if (res.status === 404) return { ok: false, reason: 'notFound', message };
  return { ok: false, reason: 'server', message };
}

async function send<T>(schema: z.ZodType<T>, url: string, init: { method: string; body?: unknown; token?: string }): Promise<T> {
  const headers: Record<string, string> = {};
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  const res = await fetch(url, { method: init.method, headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
  const json: unknown = res.status === 204 ? null : await res.json().catch(() => null);
  if (!res.ok) throw new ApiError(res.status, ErrorBody.safeParse(json).data?.error ?? res.statusText);
  return schema.parse(json);
}

const sessionPath = (id: string) => `/api/sessions/${encodeURIComponent(id)}`;

/**
 * Entering through a link with a name: the server makes this person a participant. With the
 * credential this device holds already (`already`), he stays that participant: the host link
 * makes him the host.
 */
export const joinSession = (id: string, linkToken: string, name: string, already?: string) =>
  send(ParticipantCredential, `${sessionPath(id)}/participants`, { method: 'POST', body: { token: linkToken, name }, token: already });

const joinCodePath = (code: string) => `/api/join/${encodeURIComponent(code)}`;

/** The session a short join code opens (the screen's join address). */
export const findJoinCode = (code: string) => send(JoinCodeSession, joinCodePath(code), { method: 'GET' });

/** Entering through a short join code with a name, as through the member link. */
export const joinByCode = (code: string, name: string) => send(JoinedByCode, joinCodePath(code), { method: 'POST', body: { name } });

export const renameMe = (id: string, credential: string, name: string) =>
  send(z.unknown(), `${sessionPath(id)}/participants/me`, { method: 'PATCH', body: { name }, token: credential });

export const listParticipants = (id: string, hostToken: string) =>
  send(z.array(ParticipantView), `${sessionPath(id)}/participants`, { method: 'GET', token: hostToken });

export const removeParticipant = (id: string, hostToken: string, participantId: string) =>
  send(z.null(), `${sessionPath(id)}/participants/${encodeURIComponent(participantId)}`, { method: 'DELETE', token: hostToken });

/**
 * Does this link's token still open the session with this role? `no` once it was renewed (on
 * any device); `unknown` without an answer (no network), when a kept link is shown as kept.
 */
export async function linkStillOpens(id: string, token: string, role: 'member' | 'screen'): Promise<'yes' | 'no' | 'unknown'> {
  try {
    const info = await send(SessionInfo, sessionPath(id), { method: 'GET', token });
    return info.role === role ? 'yes' : 'no';
  } catch (err) {
    return err instanceof ApiError && (err.status === 401 || err.status === 403 || err.status === 404) ? 'no' : 'unknown';
  }
}

export const reissueLink = (id: string, hostToken: string, role: 'member' | 'screen') =>
  send(ReissuedLink, `${sessionPath(id)}/links/${role}`, { method: 'POST', token: hostToken });
