// What integration tests write: documented content, in one's own name, as the rules allow
// it (the server undoes anything else, shared/session/changes.ts). A person enters through
// a link with a name, as the app's NameGate does, and gets the credential the server binds
// to his participant id; he writes visit notes, which anyone may add from the presentation
// to the brainstorm, and the host writes his presentation.
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import * as S from '../../shared/session/index.ts';
import { joinAs } from './access.ts';
import { connectProvider } from './clients.ts';

export interface Entered {
  readonly provider: WebsocketProvider;
  readonly doc: Y.Doc;
  /** Who the server knows him as. */
  readonly me: S.Actor;
  /** His personal credential, to connect again as the same person. */
  readonly credential: string;
}

/** Enters `sessionId` through `linkToken` as `name` and connects a stock provider with his credential. */
export async function enter(server: { http: string; ws: string }, sessionId: string, linkToken: string, name: string, doc = new Y.Doc()): Promise<Entered> {
  const joined = await joinAs(server.http, sessionId, linkToken, name);
  const provider = connectProvider(server.ws, sessionId, joined.credential, doc);
  const me: S.Actor = { participantId: joined.participantId, name: joined.name, role: joined.role as S.Actor['role'] };
  return { provider, doc, me, credential: joined.credential };
}

/** A visit note of `me`'s (an idea, no station). Returns its id. */
export function addNote(doc: Y.Doc, me: S.Person, text: string): string {
  return S.addVisitNote(doc, me, { stationId: null, kind: 'idea', text });
}

/** The texts of the visit notes, sorted. */
export function noteTexts(doc: Y.Doc): string[] {
  return S.getVisitNotes(doc)
    .map((n) => n.text)
    .sort();
}

/** How many visit notes the document holds. */
export function noteCount(doc: Y.Doc): number {
  return doc.getMap(S.ROOT.visitNotes).size;
}

/**
 * The first line of the host's problem section, created empty if there is none: a text the
 * host (even on his link) types into. Call it once the document is synced.
 */
export function hostLine(doc: Y.Doc): Y.XmlText {
  const fragment = S.getPresentationFragment(doc, 'problem');
  if (fragment.length === 0) S.setSectionParagraphs(doc, 'problem', ['']);
  return (fragment.get(0) as Y.XmlElement).get(0) as Y.XmlText;
}

/** That line's text as a replica has it ('' while it has none). */
export function hostLineText(doc: Y.Doc): string {
  const paragraph = S.getPresentationFragment(doc, 'problem').get(0) as Y.XmlElement | undefined;
  return (paragraph?.get(0) as Y.XmlText | undefined)?.toString() ?? '';
}
