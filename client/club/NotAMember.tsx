import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../i18n/LanguageSwitch.tsx';

export function NotAMember() {
  const { t } = useTranslation();
  return (
    <main className="page narrow">
      <LanguageSwitch />
      <h1>{t('club.notMemberTitle')}</h1>
      <p>{t('club.notMemberText')}</p>
      <p>
        <a className="button-link" href="/">{t('errors.backHome')}</a>
      </p>
    </main>
  );
}
