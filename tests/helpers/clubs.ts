// Clubs through their real HTTP API: create one, join it, create sessions in it.
import { io } from 'socket.io-client';
import { ClubCredential, CreateClubResponse } from '../../shared/club.ts';
import type { FollowedAction } from '../../shared/club.ts';
import { CreateSessionResponse } from '../../shared/schemas.ts';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/protocol.ts';
import type { Socket } from 'socket.io-client';

export interface TestClub {
  id: string;
  adminToken: string;
  inviteToken: string;
}

const tokenOf = (base: string, link: string) => new URL(link, base).searchParams.get('token') ?? '';

export async function createClub(base: string, name: string, network = 'Mont-Blanc Industrie'): Promise<TestClub> {
  const res = await fetch(`${base}/api/clubs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name, network }) });
  if (res.status !== 201) throw new Error(`POST /api/clubs answered ${res.status}: ${await res.text()}`);
  const created = CreateClubResponse.parse(await res.json());
  return { id: created.id, adminToken: tokenOf(base, created.links.admin), inviteToken: tokenOf(base, created.links.invite) };
}

export async function joinClub(base: string, clubId: string, token: string, name: string): Promise<ClubCredential> {
  const res = await fetch(`${base}/api/clubs/${clubId}/members`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token, name }) });
  if (res.status !== 201) throw new Error(`joining the club answered ${res.status}: ${await res.text()}`);
  return ClubCredential.parse(await res.json());
}

/** A request with a member's credential; the parsed JSON answer and its status. */
export async function clubApi(base: string, path: string, credential: string, init: { method?: string; body?: unknown } = {}): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${base}${path}`, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${credential}`, ...(init.body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  return { status: res.status, body: await res.json().catch(() => null) };
}

export async function createClubSession(base: string, who: ClubCredential, body: { title: string; hostCompany: string; date: string }): Promise<CreateSessionResponse> {
  const res = await clubApi(base, `/api/clubs/${who.clubId}/sessions`, who.credential, { method: 'POST', body });
  if (res.status !== 201) throw new Error(`creating a club session answered ${res.status}: ${JSON.stringify(res.body)}`);
  return CreateSessionResponse.parse(res.body);
}

export type ClubSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A club page's live connection: it hears the follow-up of the club's actions. */
export function connectClubPage(base: string, who: ClubCredential): { socket: ClubSocket; changes: FollowedAction[] } {
  const socket: ClubSocket = io(base, { path: '/socket.io/', transports: ['websocket'], query: { clubId: who.clubId, token: who.credential } });
  const changes: FollowedAction[] = [];
  socket.on('followup:changed', (a) => changes.push(a));
  return { socket, changes };
}
