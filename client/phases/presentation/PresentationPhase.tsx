import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import {
  PRESENTATION_SECTIONS, getPresentationFragment, getShownSection, roots, setShownSection,
} from '../../../shared/session/index.ts';
import { useYValue } from '../../hooks/useYValue.ts';
import { useCan } from '../../room/hooks.ts';
import { useRoom } from '../../room/room-context.ts';
import { awarenessUser } from '../../sync/session-connection.ts';
import { SectionEditor } from './SectionEditor.tsx';

/** The host writes his four parts; members read them as he types. Lazy-loaded (Tiptap). */
export default function PresentationPhase() {
  const { t } = useTranslation();
  const { conn, doc, me } = useRoom();
  const editable = useCan({ kind: 'editPresentation' });
  const canShow = useCan({ kind: 'showSection' });
  const shown = useYValue(roots(doc).presentation, () => getShownSection(doc), [doc]);
  const user = awarenessUser(me);
  // Members follow the host: the section he puts on the screen scrolls into view.
  useEffect(() => {
    if (!shown || canShow) return;
    const reduced = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    document.getElementById(`section-${shown}`)?.scrollIntoView({ behavior: reduced ? 'auto' : 'smooth', block: 'start' });
  }, [shown, canShow]);
  return (
    <section className="phase presentation" aria-labelledby="presentation-title">
      <h2 id="presentation-title" className="visually-hidden">{t('phases.presentation.name')}</h2>
      {!editable && <p className="hint">{t('presentation.readOnlyHint')}</p>}
      {PRESENTATION_SECTIONS.map((section) => (
        <article key={section} className={`card section${shown === section ? ' shown' : ''}`} aria-labelledby={`section-${section}`}>
          <header className="card-header">
            <h3 id={`section-${section}`}>{t(`presentation.sections.${section}`)}</h3>
            {shown === section && <span className="tag">{t('presentation.onScreen')}</span>}
            {canShow && (
              <button
                type="button"
                className="small"
                aria-pressed={shown === section}
                onClick={() => setShownSection(doc, shown === section ? null : section)}
              >
                {shown === section ? t('presentation.hideFromScreen') : t('presentation.showOnScreen')}
                {/* Five buttons of one name read aloud alike: each says its section. */}
                <span className="visually-hidden">{t('presentation.ofSection', { section: t(`presentation.sections.${section}`) })}</span>
              </button>
            )}
          </header>
          {editable && <p className="hint" id={`hint-${section}`}>{t(`presentation.placeholders.${section}`)}</p>}
          <SectionEditor
            fragment={getPresentationFragment(doc, section)}
            provider={conn.provider}
            user={user}
            editable={editable}
            label={t(`presentation.sections.${section}`)}
            hintId={editable ? `hint-${section}` : undefined}
          />
        </article>
      ))}
    </section>
  );
}
