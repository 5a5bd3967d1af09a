/**
 * Who a bench client is. Entraide judges every change against the session's rules, in the
 * name of the participant its server binds to the connection: each bench client enters the
 * session with a name (`POST /api/sessions/<id>/participants`, as the app's name prompt
 * does) and connects with its own credential, before its clock starts. The other servers
 * know nobody: a client there writes under a made-up id. The content written is the same
 * for every server: documented session content in one's own name (docs/session-document.md).
 */
import type { ClientSpec } from './client.ts';

export interface Identified {
  /** The URL to connect to, with the client's own credential where the server has one. */
  url: string;
  participantId: string;
  name: string;
}

/**
 * The id a client writes under where the server names nobody: as long as Entraide's
 * participant ids (12 random bytes, base64url: 16 characters), so every server carries the
 * same bytes.
 */
export function madeUpId(clientId: number): string {
  return `bench-${String(clientId).padStart(10, '0')}`;
}

/** A spec that already has its participant (entered earlier) is kept as it is. */
export async function identify(spec: ClientSpec): Promise<Identified> {
  const name = spec.name ?? `Bench ${spec.id}`;
  if (spec.participantId !== undefined) return { url: spec.url, participantId: spec.participantId, name };
  if (!spec.enter) return { url: spec.url, participantId: madeUpId(spec.id), name };
  const res = await fetch(`${spec.enter.http}/api/sessions/${encodeURIComponent(spec.docName)}/participants`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token: spec.token, name }),
  });
  if (res.status !== 201) throw new Error(`entering ${spec.docName} answered ${res.status}: ${(await res.text()).slice(0, 200)}`);
  const body = (await res.json()) as { participantId: string; credential: string };
  const url = new URL(spec.url);
  url.searchParams.set('token', body.credential);
  return { url: url.toString(), participantId: body.participantId, name };
}

/** Every spec with its identity, `concurrency` requests at a time. */
export async function identifyAll(specs: ClientSpec[], concurrency = 16): Promise<ClientSpec[]> {
  const out: ClientSpec[] = new Array<ClientSpec>(specs.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < specs.length) {
      const i = next++;
      const spec = specs[i]!;
      out[i] = { ...spec, ...(await identify(spec)) };
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, specs.length)) }, lane));
  return out;
}
