import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getDecisionText } from '../../../shared/session/index.ts';
import { CollabTextarea } from '../../components/CollabTextarea.tsx';
import { useCan } from '../../room/hooks.ts';
import { useRoom } from '../../room/room-context.ts';
import { ActionPlan } from './ActionPlan.tsx';
import { Learnings } from './Learnings.tsx';
import { TopIdeas } from './TopIdeas.tsx';
import { KeptIdeas } from '../../notebook/KeptIdeas.tsx';

export default function SynthesisPhase() {
  const { t } = useTranslation();
  const { conn, doc } = useRoom();
  const canPlan = useCan({ kind: 'editActionItems' });
  const canDecide = useCan({ kind: 'setDecision' });
  const [draft, setDraft] = useState<{ text: string; stickyId: string } | null>(null);
  return (
    <section className="phase synthesis" aria-labelledby="synthesis-title">
      <h2 id="synthesis-title" className="visually-hidden">{t('phases.synthesis.name')}</h2>
      {conn.notebook && <KeptIdeas notebook={conn.notebook.doc} onPick={canPlan ? (text, stickyId) => setDraft({ text, stickyId }) : null} />}
      <TopIdeas onPick={canPlan ? (text, stickyId) => setDraft({ text, stickyId }) : null} />
      <ActionPlan editable={canPlan} draft={draft} onDraftUsed={() => setDraft(null)} />
      <section className="card stack" aria-labelledby="decision-title">
        {/* The host writes "my decision"; the others read the host's. */}
        <h3 id="decision-title">{t(canDecide ? 'synthesis.decision' : 'synthesis.hostDecision')}</h3>
        <p className="hint" id="decision-hint">{t('synthesis.decisionHint')}</p>
        <CollabTextarea
          ytext={getDecisionText(doc)}
          readOnly={!canDecide}
          aria-labelledby="decision-title"
          aria-describedby="decision-hint"
          maxLength={5000}
        />
      </section>
      <Learnings />
    </section>
  );
}
