import { useTranslation } from 'react-i18next';
import type { Learning } from '../../../shared/session/index.ts';

/** Whether someone wrote anything: a name with nothing under it is not shown. */
export const hasLearning = (l: Learning): boolean => Boolean(l.brought || l.takeAway);

/** One person's learnings: what he brought, what he takes away. */
export function LearningEntry({ learning: l, testId }: { learning: Learning; testId?: string }) {
  const { t } = useTranslation();
  return (
    <li data-testid={testId}>
      <strong>{l.name}</strong>
      {l.brought && <p><em>{t('synthesis.broughtBy')}</em> {l.brought}</p>}
      {l.takeAway && <p><em>{t('synthesis.takeAwayBy')}</em> {l.takeAway}</p>}
    </li>
  );
}
