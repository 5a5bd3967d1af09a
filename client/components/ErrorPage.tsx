import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../i18n/LanguageSwitch.tsx';

export function ErrorPage({ reason }: { reason: 'unauthorized' | 'notFound' | 'offline' | 'server' | 'revoked' }) {
  const { t } = useTranslation();
  return (
    <main className="page narrow">
      {/* A link that fails is often the first page a person sees: his language is one tap away. */}
      <LanguageSwitch />
      <h1>{t(`errors.${reason}Title`)}</h1>
      <p>{t(`errors.${reason}Text`)}</p>
      <p>
        <a className="button-link" href="/">{t('errors.backHome')}</a>
      </p>
    </main>
  );
}
