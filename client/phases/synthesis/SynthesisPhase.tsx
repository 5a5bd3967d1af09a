import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getDecisionText } from '../../../shared/session/index.ts';
import { CollabTextarea } from '../../components/CollabTextarea.tsx';
import { useYValue } from '../../hooks/useYValue.ts';
import { useCan } from '../../room/hooks.ts';
import { useRoom } from '../../room/room-context.ts';
import { ActionPlan } from './ActionPlan.tsx';
import { useClosingRound } from './ClosingRound.tsx';
import { Learnings } from './Learnings.tsx';
import { TopIdeas } from './TopIdeas.tsx';
import { KeptIdeas } from '../../notebook/KeptIdeas.tsx';

export default function SynthesisPhase() {
  const { t } = useTranslation();
  const { conn, doc } = useRoom();
  const canPlan = useCan({ kind: 'editActionItems' });
  const canDecide = useCan({ kind: 'setDecision' });
  const closing = useClosingRound().open;
  const [draft, setDraft] = useState<{ text: string; stickyId: string } | null>(null);
  const decisionText = getDecisionText(doc);
  // Whether there is a decision, not its text: the phase renders again when it appears, not at every key.
  const decided = useYValue(decisionText, () => decisionText.toString().trim() !== '', [decisionText]);
  const decisionCard = (
    <section className="card stack" aria-labelledby="decision-title">
      {/* The host writes "my decision"; the others read the host's, once there is one. */}
      <h3 id="decision-title">{t(canDecide ? 'synthesis.decision' : 'synthesis.hostDecision')}</h3>
      {canDecide ? (
        <>
          <p className="hint" id="decision-hint">{t('synthesis.decisionHint')}</p>
          <CollabTextarea ytext={decisionText} aria-labelledby="decision-title" aria-describedby="decision-hint" maxLength={5000} />
        </>
      ) : decided ? (
        <DecisionText text={decisionText} />
      ) : (
        <p className="hint" data-testid="no-decision-yet">{t('synthesis.noDecisionYet')}</p>
      )}
    </section>
  );
  const pick = canPlan ? (text: string, stickyId: string) => setDraft({ text, stickyId }) : null;
  return (
    <section className="phase synthesis" aria-labelledby="synthesis-title">
      <h2 id="synthesis-title" className="visually-hidden">{t('phases.synthesis.name')}</h2>
      {/* A member's own part (what he brought, what he takes away) comes first on his screen:
          on a phone it was below the votes, the plan and the host's empty decision. */}
      {/* The host too, once he runs the closing round: its controls, at the top. */}
      {(!canPlan || closing) && <Learnings />}
      {conn.notebook && <KeptIdeas notebook={conn.notebook.doc} onPick={pick} />}
      <TopIdeas onPick={pick} />
      <ActionPlan editable={canPlan} draft={draft} onDraftUsed={() => setDraft(null)} />
      {decisionCard}
      {canPlan && !closing && <Learnings />}
    </section>
  );
}

/**
 * The host's decision as the others read it: its text, whole, as he writes it. A read-only
 * box 88 px tall held it on a phone, cut after three lines and scrolled inside, under a hint
 * saying the host writes there.
 */
function DecisionText({ text }: { text: import('yjs').Text }) {
  const words = useYValue(text, () => text.toString(), [text]);
  return <p className="decision-text" data-testid="decision-text">{words}</p>;
}
