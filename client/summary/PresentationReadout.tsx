import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { PRESENTATION_SECTIONS, fragmentBlocks, getPresentationFragment } from '../../shared/session/index.ts';
import type { PresentationSection } from '../../shared/session/index.ts';
import { useYValue } from '../hooks/useYValue.ts';

/** A section as plain blocks, live, without loading the editor. */
export function SectionReadout({ doc, section, headingLevel = 4 }: { doc: Y.Doc; section: PresentationSection; headingLevel?: 2 | 4 }) {
  const { t } = useTranslation();
  const fragment = getPresentationFragment(doc, section);
  const blocks = useYValue(fragment, () => fragmentBlocks(fragment), [fragment]);
  const Heading = headingLevel === 2 ? 'h2' : 'h4';
  return (
    <section className="readout-section" data-testid={`readout-${section}`}>
      <Heading>{t(`presentation.sections.${section}`)}</Heading>
      {blocks.length === 0 ? (
        <p className="hint">{t('presentation.empty')}</p>
      ) : (
        blocks.map((b, i) => (b.type === 'listItem' ? <p key={i} className="list-item">• {b.text}</p> : <p key={i}>{b.text}</p>))
      )}
    </section>
  );
}

export function PresentationReadout({ doc }: { doc: Y.Doc }) {
  return (
    <>
      {PRESENTATION_SECTIONS.map((s) => (
        <SectionReadout key={s} doc={doc} section={s} />
      ))}
    </>
  );
}
