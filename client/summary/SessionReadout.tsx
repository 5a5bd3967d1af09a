// Everything the session holds, read-only: the Clôture view and the shared screen's last page.
import { useTranslation } from 'react-i18next';
import { getSession } from '../../shared/session/index.ts';
import { useYValue } from '../hooks/useYValue.ts';
import { formatDate } from '../i18n/format.ts';
import { hasLearning, LearningEntry } from '../phases/synthesis/LearningEntry.tsx';
import { NoteList } from '../phases/visit/NoteList.tsx';
import { useRoom } from '../room/room-context.ts';
import { PresentationReadout } from './PresentationReadout.tsx';
import { rankStickies, resultVotes, tallyVotes } from '../../shared/session/index.ts';

export function SessionReadout() {
  const { t, i18n } = useTranslation();
  const { doc } = useRoom();
  const s = useYValue(doc, () => getSession(doc), [doc]);
  // The results: the latest round on ideas (a run-off's, not its sum with the round before), as the summary.
  const targets = new Set([...s.stickies.map((x) => x.id), ...s.groups.map((g) => g.id)]);
  const groupIds = new Set(s.groups.map((g) => g.id));
  const ranked = rankStickies(s.stickies, tallyVotes(resultVotes(s.votes, targets, s.board.voteBudget, groupIds).votes, targets, s.board.voteBudget, groupIds));
  return (
    <div className="readout stack">
      <section className="card">
        <h3>{t('closed.presentation')}</h3>
        <PresentationReadout doc={doc} />
      </section>
      <section className="card">
        <h3>{t('closed.visit')}</h3>
        <NoteList notes={s.visitNotes} stations={s.stations} readOnly />
      </section>
      <section className="card">
        <h3>{t('closed.questions')}</h3>
        <ol>
          {s.questions.map((q) => (
            <li key={q.id}>
              <strong>{q.text}</strong> <span className="hint">({q.authorName})</span>
              {q.answer && <p>{t('questions.answerLabel')} {q.answer}</p>}
            </li>
          ))}
        </ol>
      </section>
      <section className="card">
        <h3>{t('closed.ideas')}</h3>
        <ol>
          {ranked.map(({ sticky, votes }) => (
            <li key={sticky.id}>
              {sticky.text} <span className="tag">{t('board.votes', { count: votes })}</span>
              {sticky.groupId && <span className="tag group-tag">{s.groups.find((g) => g.id === sticky.groupId)?.title}</span>}
            </li>
          ))}
        </ol>
      </section>
      <section className="card">
        <h3>{t('closed.actions')}</h3>
        <ul>
          {s.actionItems.map((a) => (
            <li key={a.id} data-testid="closed-action">
              {a.text} — {a.ownerName || t('synthesis.noOwner')}
              {a.due && ` — ${formatDate(a.due, i18n.language)}`} <span className="tag">{t(`synthesis.status.${a.status}`)}</span>
            </li>
          ))}
        </ul>
      </section>
      <section className="card">
        <h3>{t('closed.decision')}</h3>
        <p className="decision-text">{s.decision || t('common.none')}</p>
      </section>
      <section className="card">
        <h3>{t('closed.learnings')}</h3>
        <ul>
          {s.learnings.filter(hasLearning).map((l) => (
            <LearningEntry key={l.participantId} learning={l} />
          ))}
        </ul>
      </section>
    </div>
  );
}
