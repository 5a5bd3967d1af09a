import { useTranslation } from 'react-i18next';
import { Board } from '../../board/Board.tsx';

export default function BrainstormPhase() {
  const { t } = useTranslation();
  return (
    <section className="phase brainstorm" aria-labelledby="brainstorm-title">
      <h2 id="brainstorm-title" className="visually-hidden">{t('phases.brainstorm.name')}</h2>
      <Board />
    </section>
  );
}
