import { useTranslation } from 'react-i18next';

export function ErrorPage({ reason }: { reason: 'unauthorized' | 'notFound' | 'offline' | 'server' | 'revoked' }) {
  const { t } = useTranslation();
  return (
    <main className="page narrow">
      <h1>{t(`errors.${reason}Title`)}</h1>
      <p>{t(`errors.${reason}Text`)}</p>
      <p>
        <a className="button-link" href="/">{t('errors.backHome')}</a>
      </p>
    </main>
  );
}
