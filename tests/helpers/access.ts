import { ParticipantCredential, ReissuedLink } from '../../shared/schemas.ts';

/** Enters a session through a link with a name, as the NameGate does: a personal credential. */
export async function joinAs(baseUrl: string, sessionId: string, linkToken: string, name: string): Promise<ParticipantCredential> {
  const res = await fetch(`${baseUrl}/api/sessions/${sessionId}/participants`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token: linkToken, name }),
  });
  if (res.status !== 201) throw new Error(`POST participants answered ${res.status}: ${await res.text()}`);
  return ParticipantCredential.parse(await res.json());
}

/** The host revokes a link and gets its successor's token. */
export async function reissueLink(baseUrl: string, sessionId: string, hostToken: string, role: 'member' | 'screen'): Promise<string> {
  const res = await fetch(`${baseUrl}/api/sessions/${sessionId}/links/${role}`, { method: 'POST', headers: { authorization: `Bearer ${hostToken}` } });
  if (res.status !== 200) throw new Error(`POST links answered ${res.status}: ${await res.text()}`);
  const { link } = ReissuedLink.parse(await res.json());
  return new URL(link, baseUrl).searchParams.get('token') ?? '';
}
