// i18next with one catalogue per language; French by default, the choice kept on the device.
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json' with { type: 'json' };
import fr from './fr.json' with { type: 'json' };
import { frenchPlace, ofName } from '../../shared/session/index.ts';

export const LANGUAGES = ['fr', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'entraide:lang';

function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

export function savedLanguage(): Language {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    return isLanguage(saved) ? saved : 'fr';
  } catch {
    return 'fr';
  }
}

export function initI18n(): void {
  // A link may name its language (?lang=en, as the summary links do): it wins for this page.
  const asked = new URLSearchParams(window.location.search).get('lang');
  const lng = isLanguage(asked) ? asked : savedLanguage();
  void i18next.use(initReactI18next).init({
    resources: { fr: { translation: fr }, en: { translation: en } },
    lng,
    fallbackLng: 'fr',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  // French words that depend on what goes in: "Question d’Isabelle", "(1ʳᵉ)".
  i18next.services.formatter?.add('of', (value: string) => ofName(value));
  i18next.services.formatter?.add('place', (value: number) => frenchPlace(value));
  document.documentElement.lang = lng;
}

export function setLanguage(lng: Language): void {
  try {
    localStorage.setItem(STORAGE_KEY, lng);
  } catch {
    // Private browsing without storage: the switch still works for this visit.
  }
  document.documentElement.lang = lng;
  void i18next.changeLanguage(lng);
}
