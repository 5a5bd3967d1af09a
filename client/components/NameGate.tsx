import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../i18n/LanguageSwitch.tsx';

/** Asks for a name once; the room keeps it on this device. */
export function NameGate({ title, subtitle, onName }: { title: string; subtitle: string; onName: (name: string) => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  // A name of spaces passed the field's `required`, and the button did nothing, silently.
  const [blank, setBlank] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    if (trimmed) onName(trimmed.slice(0, 80));
    else {
      setBlank(true);
      document.getElementById('your-name')?.focus();
    }
  };
  return (
    <main className="page narrow">
      <LanguageSwitch />
      <h1>{title}</h1>
      <p className="lead">{subtitle}</p>
      <form onSubmit={submit} className="stack">
        <label htmlFor="your-name">{t('join.nameLabel')}</label>
        <input
          id="your-name"
          name="name"
          autoComplete="name"
          autoFocus
          required
          maxLength={80}
          value={name}
          aria-invalid={blank || undefined}
          aria-describedby={blank ? 'your-name-blank' : undefined}
          onChange={(e) => {
            setName(e.target.value);
            setBlank(false);
          }}
        />
        {blank && (
          <p className="error" id="your-name-blank" role="alert">
            {t('join.nameBlank')}
          </p>
        )}
        <p className="hint">{t('join.nameHint')}</p>
        <button type="submit" className="primary">
          {t('join.enter')}
        </button>
      </form>
    </main>
  );
}
