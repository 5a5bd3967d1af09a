// "Idée supprimée · Annuler", at the foot of the board while one's own last removal can be
// undone (useDeletedIdea.ts). Rendered only while the server would take the idea back.
import { useTranslation } from 'react-i18next';
import { useUndoKey } from './useDeletedIdea.ts';

export function DeletedIdeaNotice({ onUndo }: { onUndo: () => void }) {
  const { t } = useTranslation();
  useUndoKey(onUndo);
  return (
    <div className="undo-toast" role="status" data-testid="idea-deleted">
      <span>{t('board.ideaDeleted')}</span>
      <button type="button" onClick={onUndo}>{t('board.undoDelete')}</button>
    </div>
  );
}
