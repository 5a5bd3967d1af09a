// The short join address (`/j/K7M2-Q9XD`, shared/join-code.ts): the session it opens greets
// the person, who gives his name and enters as a member, as through the member link. A
// device that already joined goes straight in. A closed session lets nobody new in.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { JoinCodeSession } from '../../shared/schemas.ts';
import { Loading } from '../components/Loading.tsx';
import { NameGate } from '../components/NameGate.tsx';
import { LanguageSwitch } from '../i18n/LanguageSwitch.tsx';
import { formatDate } from '../i18n/format.ts';
import { ApiError, findJoinCode, joinByCode } from '../sync/api.ts';
import { storeCredential, storedCredential } from '../sync/credentials.ts';
import { savedName, saveName } from '../sync/device.ts';
import { JoinCodeForm } from './JoinCodeForm.tsx';

type Failure = 'notFound' | 'malformed' | 'tooMany' | 'closed' | 'offline' | 'server';

const roomPath = (sessionId: string) => `/s/${encodeURIComponent(sessionId)}`;

function failureOf(err: unknown): Failure {
  if (!(err instanceof ApiError)) return 'offline';
  if (err.status === 404) return 'notFound';
  if (err.status === 400) return 'malformed';
  if (err.status === 429) return 'tooMany';
  if (err.status === 410) return 'closed';
  return 'server';
}

/** Without a Retry-After, how long a device waits before it tries a refused code again. */
const RETRY_WITHOUT_HINT_S = 10;

export default function JoinByCodePage({ code }: { code: string }) {
  const { t, i18n } = useTranslation();
  const [found, setFound] = useState<JoinCodeSession | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [joining, setJoining] = useState(false);
  /** Seconds until this device tries again, after a 429. */
  const [retryInS, setRetryInS] = useState<number | null>(null);
  const retry = useRef<() => void>(() => undefined);
  const started = useRef(false);

  // The wrong codes of everyone behind the same address (a meeting room's network) spend
  // one budget: a device refused meanwhile tries again once it has refilled, and a right
  // code costs nothing, so each gets in without a tap.
  const failed = (err: unknown, again: () => void) => {
    const kind = failureOf(err);
    setFailure(kind);
    if (kind !== 'tooMany') return;
    retry.current = again;
    setRetryInS(err instanceof ApiError && err.retryAfterS !== null ? err.retryAfterS : RETRY_WITHOUT_HINT_S);
  };
  useEffect(() => {
    if (retryInS === null) return;
    if (retryInS <= 0) {
      setRetryInS(null);
      setFailure(null);
      retry.current();
      return;
    }
    const timer = setTimeout(() => setRetryInS(retryInS - 1), 1000);
    return () => clearTimeout(timer);
  }, [retryInS]);

  const enter = (name: string) => {
    setJoining(true);
    joinByCode(code, name).then(
      (joined) => {
        storeCredential(joined.sessionId, joined.credential);
        location.replace(roomPath(joined.sessionId));
      },
      (err: unknown) => {
        setJoining(false);
        failed(err, () => enter(name));
      },
    );
  };

  const lookUp = () => {
    findJoinCode(code).then(
      (session) => {
        // This device joined already (another tab, a scan earlier): the same person goes in.
        if (storedCredential(session.sessionId)) {
          location.replace(roomPath(session.sessionId));
          return;
        }
        if (session.closed) {
          setFailure('closed');
          return;
        }
        const name = savedName();
        if (name) enter(name);
        else setFound(session);
      },
      (err: unknown) => failed(err, lookUp),
    );
  };

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    lookUp();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [code]);

  if (failure) {
    return (
      <main className="page narrow">
        <LanguageSwitch />
        <h1>{t(`joinCode.${failure}Title`)}</h1>
        <p role="alert">{t(`joinCode.${failure}Text`)}</p>
        {failure === 'tooMany' && retryInS !== null && (
          <p aria-live="polite" data-testid="join-retry">{t('joinCode.retryIn', { seconds: retryInS })}</p>
        )}
        {(failure === 'notFound' || failure === 'malformed') && <JoinCodeForm initial={code} />}
        <p>
          <a className="button-link" href="/">{t('errors.backHome')}</a>
        </p>
      </main>
    );
  }
  if (!found || joining) return <Loading />;
  return (
    <NameGate
      title={found.title}
      subtitle={`${found.hostCompany} · ${formatDate(found.date, i18n.language)}`}
      onName={(name) => {
        saveName(name);
        enter(name);
      }}
    />
  );
}
