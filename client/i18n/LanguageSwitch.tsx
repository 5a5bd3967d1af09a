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
          aria-label={t(`language.${lng}`)}
          onClick={() => setLanguage(lng)}
        >
          <span className="lang-long">{t(`language.${lng}`)}</span>
          {/* A phone's header has room for "FR EN"; the name stays the button's label. */}
          <span className="lang-short" aria-hidden="true">{lng.toUpperCase()}</span>
        </button>
      ))}
    </div>
  );
}
