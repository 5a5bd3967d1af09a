// The club API, every answer parsed with the shared schemas.
import type { z } from 'zod';
import {
  ClubCredential, ClubView, CreateClubResponse, FollowedAction, FollowUpRound, MemberLearnings, RenewedClubLink, SearchResponse,
  type ActionStatusBody, type CreateClubBody, type CreateClubSessionBody,
} from '../../shared/club.ts';
import { CreateSessionResponse } from '../../shared/schemas.ts';
import { parseSessionSummary, type SessionSummary } from '../../shared/session/index.ts';
import { ApiError } from '../sync/api.ts';

async function call<T>(schema: z.ZodType<T>, path: string, init: { method?: string; body?: unknown; credential?: string } = {}): Promise<T> {
  const headers: Record<string, string> = {};
  if (init.credential) headers.authorization = `Bearer ${init.credential}`;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(path, { method: init.method ?? 'GET', headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
  const json: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const message = typeof json === 'object' && json && 'error' in json ? String((json as { error: unknown }).error) : res.statusText;
    throw new ApiError(res.status, message, Number(res.headers.get('retry-after')) || null);
  }
  return schema.parse(json);
}

export const createClub = (body: CreateClubBody) => call(CreateClubResponse, '/api/clubs', { method: 'POST', body });

/** `already`: this device's credential in the club, if it is a member (the admin link then makes it an admin). */
export const joinClub = (clubId: string, token: string, name: string, already?: string) =>
  call(ClubCredential, `/api/clubs/${encodeURIComponent(clubId)}/members`, { method: 'POST', body: { token, name }, credential: already });

/** An admin renews the club's invite link: the new one, shown once; the old one lets nobody new in. */
export const renewClubInvite = (c: ClubCredential) =>
  call(RenewedClubLink, `/api/clubs/${encodeURIComponent(c.clubId)}/links/invite`, { method: 'POST', credential: c.credential });

export const fetchClub = (c: ClubCredential) => call(ClubView, `/api/clubs/${encodeURIComponent(c.clubId)}`, { credential: c.credential });

export const createClubSession = (c: ClubCredential, body: CreateClubSessionBody) =>
  call(CreateSessionResponse, `/api/clubs/${encodeURIComponent(c.clubId)}/sessions`, { method: 'POST', body, credential: c.credential });

export const searchClub = (c: ClubCredential, q: string) =>
  call(SearchResponse, `/api/clubs/${encodeURIComponent(c.clubId)}/search?q=${encodeURIComponent(q)}`, { credential: c.credential });

export const updateAction = (c: ClubCredential, a: Pick<FollowedAction, 'sessionId' | 'actionId'>, body: ActionStatusBody) =>
  call(FollowedAction.nullable(), `/api/clubs/${encodeURIComponent(c.clubId)}/actions/${encodeURIComponent(a.sessionId)}/${encodeURIComponent(a.actionId)}`, {
    method: 'PUT',
    body,
    credential: c.credential,
  });

export const fetchLearnings = (c: ClubCredential) => call(MemberLearnings, `/api/clubs/${encodeURIComponent(c.clubId)}/learnings`, { credential: c.credential });

export const fetchFollowUpRound = (sessionId: string, token: string) =>
  call(FollowUpRound, `/api/sessions/${encodeURIComponent(sessionId)}/followup?token=${encodeURIComponent(token)}`);

export async function fetchSummary(sessionId: string, token: string): Promise<SessionSummary> {
  const res = await fetch(`/api/sessions/${encodeURIComponent(sessionId)}/summary?token=${encodeURIComponent(token)}`);
  if (!res.ok) throw new ApiError(res.status, res.statusText);
  return parseSessionSummary(await res.json());
}
