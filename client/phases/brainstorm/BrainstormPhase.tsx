import { useCallback, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { getGroups, roots } from '../../../shared/session/index.ts';
import type { FocusBox } from '../../../shared/session/index.ts';
import { Board } from '../../board/Board.tsx';
import { HostNotebook } from '../../notebook/HostNotebook.tsx';
import { VotingBar } from '../../facilitation/VotingBar.tsx';
import { useLeads } from '../../facilitation/hooks.ts';
import { useYValue } from '../../hooks/useYValue.ts';
import { useRoom } from '../../room/room-context.ts';

export default function BrainstormPhase() {
  const { t } = useTranslation();
  const leads = useLeads();
  const { conn } = useRoom();
  const readView = useRef<() => FocusBox | null>(() => null);
  const onViewReader = useCallback((read: () => FocusBox | null) => {
    readView.current = read;
  }, []);
  return (
    <section className="phase brainstorm" aria-labelledby="brainstorm-title">
      <h2 id="brainstorm-title" className="visually-hidden">{t('phases.brainstorm.name')}</h2>
      <VotingBar />
      {leads && <BoardFocusControls readView={() => readView.current()} />}
      {conn.notebook ? (
        // The host listens first: his notebook beside the board on a wide screen (below it
        // on a narrow one), the ideas to sort on top.
        <div className="brainstorm-listen">
          <Board onViewReader={onViewReader} />
          <aside className="brainstorm-notebook" aria-label={t('notebook.title')}>
            <HostNotebook notebook={conn.notebook.doc} />
          </aside>
        </div>
      ) : (
        <Board onViewReader={onViewReader} />
      )}
    </section>
  );
}

/** Leaders point the room's screen at the part of the board they look at, or at a group. */
function BoardFocusControls({ readView }: { readView: () => FocusBox | null }) {
  const { t } = useTranslation();
  const { conn, doc } = useRoom();
  const groups = useYValue(roots(doc).groups, () => getGroups(doc), [doc]);
  return (
    <div className="row facilitator-group" role="group" aria-label={t('facilitation.screen')}>
      <button
        type="button"
        className="small"
        onClick={() => {
          const zone = readView();
          if (zone) conn.presence.facilitate({ kind: 'focus', target: { kind: 'zone', zone } });
        }}
      >
        {t('facilitation.showZone')}
      </button>
      {groups.map((g) => (
        <button key={g.id} type="button" className="small" onClick={() => conn.presence.facilitate({ kind: 'focus', target: { kind: 'group', groupId: g.id } })}>
          {t('facilitation.showGroup', { title: g.title })}
        </button>
      ))}
    </div>
  );
}
