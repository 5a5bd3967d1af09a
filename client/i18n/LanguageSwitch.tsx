import { useTranslation } from 'react-i18next';
import { LANGUAGES, setLanguage } from './index.ts';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <div className="lang-switch" role="group" aria-label={t('language.label')}>
      {LANGUAGES.map((lng) => (
        <button
          key={lng}
          type="button"
          className="chip"
          aria-pressed={i18n.language === lng}
          lang={lng}
          onClick={() => setLanguage(lng)}
        >
          {/* In a phone's room header, the code alone (FR, EN) leaves the person's name room. */}
          <span className="lang-full">{t(`language.${lng}`)}</span>
          <span className="lang-short" aria-hidden="true">{lng.toUpperCase()}</span>
        </button>
      ))}
    </div>
  );
}
