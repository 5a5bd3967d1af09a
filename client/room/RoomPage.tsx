import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../i18n/format.ts';
import { Loading } from '../components/Loading.tsx';
import { ErrorPage } from '../components/ErrorPage.tsx';
import { NameGate } from '../components/NameGate.tsx';
import { LanguageSwitch } from '../i18n/LanguageSwitch.tsx';
import { joinSession, renameMe } from '../sync/api.ts';
import { forgetCredential, storeCredential, storedCredential } from '../sync/credentials.ts';
import { saveName, savedName } from '../sync/device.ts';
import type { Actor } from '../../shared/session/index.ts';
import { SummaryReader, useSummary } from '../summary/SummaryPage.tsx';
import { RoomContext } from './room-context.ts';
import type { Room } from './room-context.ts';
import { RoomView } from './RoomView.tsx';
import { useAccessEnded, useConnection } from './useConnection.ts';
import { useSessionInfo } from './useSessionInfo.ts';

/**
 * A host or member link: the person gives his name once and gets a personal credential
 * for this session, kept on the device (every tab of his is then one participant); from
 * then on the credential, not the link, opens the room.
 */
export function RoomPage({ sessionId, token: linkToken }: { sessionId: string; token: string }) {
  const { i18n } = useTranslation();
  const [stored, setStored] = useState(() => storedCredential(sessionId));
  // What opens the page: the link it came with, else the credential this device holds.
  const [entry, setEntry] = useState(() => linkToken || stored?.credential || '');
  const result = useSessionInfo(sessionId, entry);
  const [joining, setJoining] = useState(false);
  const [joinFailed, setJoinFailed] = useState(false);
  const [renamed, setRenamed] = useState<string | null>(null);
  const info = result?.ok ? result.info : null;
  const participant = info?.participant ?? null;
  const isLink = info !== null && participant === null;

  // This device joined already, as a member, and opened the host link: it asks before making
  // him the host (the same participant). Two participants, a member and a host, came of it.
  const [promoting, setPromoting] = useState(false);
  // The link leads where this device already is (its own role, or less than the host's it holds).
  const already = (role: string) => stored !== null && (stored.role === role || stored.role === 'host');
  const enter = (name: string) => {
    setJoining(true);
    setPromoting(false);
    // The device's credential goes along: the server keeps one person one participant.
    joinSession(sessionId, entry, name, stored?.credential).then(
      (credential) => {
        storeCredential(sessionId, credential);
        setStored(credential);
        setEntry(credential.credential);
        setJoining(false);
      },
      () => {
        setJoining(false);
        setJoinFailed(true);
      },
    );
  };

  useEffect(() => {
    if (!result) return;
    if (!result.ok) {
      // A revoked link on a device that joined before: the credential still opens the room.
      if (result.reason === 'unauthorized' && stored && entry !== stored.credential) setEntry(stored.credential);
      else if (result.reason === 'unauthorized' && stored) forgetCredential(sessionId);
      return;
    }
    if (!isLink || result.info.role === 'screen') return;
    // Another tab of this person, or the same link opened again: the same participant.
    if (stored && already(result.info.role)) {
      setEntry(stored.credential);
      return;
    }
    if (stored && result.info.role === 'host') {
      setPromoting(true);
      return;
    }
    const name = savedName();
    if (name && !joining) enter(name);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [result]);

  const me = useMemo<Actor | null>(
    () => (info && participant ? { participantId: participant.id, name: renamed ?? participant.name, role: info.role } : null),
    [info, participant, renamed],
  );
  const token = participant ? entry : '';
  const conn = useConnection(info, token, me, 'lobby');
  const ended = useAccessEnded(conn);
  // Someone who would be asked his name: a closed session is read, not joined (no name).
  const wouldAskName = result?.ok === true && result.info.role !== 'screen' && isLink && !stored && !savedName();
  const summary = useSummary(sessionId, entry, wouldAskName);
  const room = useMemo<Room | null>(() => (conn && info && me ? { conn, doc: conn.doc, me, info, token } : null), [conn, info, me, token]);

  if (ended) return <ErrorPage reason="revoked" />;
  if (joinFailed) return <ErrorPage reason={navigator.onLine ? 'server' : 'offline'} />;
  if (!result) return <Loading />;
  if (!result.ok) return <ErrorPage reason={result.reason} />;
  // A screen token opened as a room link: the screen page is the only view it has.
  if (result.info.role === 'screen') return <RedirectToScreen sessionId={sessionId} token={entry} />;
  if (promoting && stored && isLink) {
    return (
      <HostLinkGate
        title={result.info.title}
        name={stored.name}
        onHost={() => enter(stored.name)}
        onStay={() => {
          setPromoting(false);
          setEntry(stored.credential);
        }}
      />
    );
  }
  if (isLink && !joining && !stored && !savedName()) {
    if (!summary) return <Loading />;
    if (summary.ok && summary.summary.phase === 'closed') return <SummaryReader sessionId={sessionId} token={entry} result={summary} />;
    return (
      <NameGate
        title={result.info.title}
        subtitle={`${result.info.hostCompany} · ${formatDate(result.info.date, i18n.language)}`}
        onName={(n) => {
          saveName(n);
          enter(n);
        }}
      />
    );
  }
  if (!room) return <Loading />;
  return (
    <RoomContext.Provider value={room}>
      <RoomView
        onRename={(n) => {
          saveName(n);
          room.conn.rename(n);
          setRenamed(n);
          // The server keeps the name with the credential: the next connection shows it.
          void renameMe(sessionId, token, n).then(() => {
            const current = storedCredential(sessionId);
            if (current) storeCredential(sessionId, { ...current, name: n });
          }, () => undefined);
        }}
      />
    </RoomContext.Provider>
  );
}

/**
 * A member's device opened the host link: he is asked, once, before he leads. Continuing
 * makes his participant the host (on the server: the same person, his writings his); staying
 * goes in as the member he is.
 */
function HostLinkGate({ title, name, onHost, onStay }: { title: string; name: string; onHost: () => void; onStay: () => void }) {
  const { t } = useTranslation();
  return (
    <main className="page narrow" data-testid="host-link-gate">
      <LanguageSwitch />
      <h1>{title}</h1>
      <p className="lead">{t('join.hostLink', { name })}</p>
      <p className="hint">{t('join.hostLinkHint')}</p>
      <div className="stack">
        <button type="button" className="primary" onClick={onHost}>
          {t('join.continueAsHost')}
        </button>
        <button type="button" onClick={onStay}>
          {t('join.stayMember')}
        </button>
      </div>
    </main>
  );
}

function RedirectToScreen({ sessionId, token }: { sessionId: string; token: string }) {
  useEffect(() => {
    location.replace(`/s/${encodeURIComponent(sessionId)}/screen?token=${encodeURIComponent(token)}`);
  }, [sessionId, token]);
  return <Loading />;
}
