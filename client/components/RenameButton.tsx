import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

export function RenameButton({ name, onRename }: { name: string; onRename: (name: string) => void }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState(name);
  if (!editing) {
    return (
      // On a phone "Vous êtes" is left to screen readers, so the name itself shows; a long
      // one ends in "…", never the "(changer)" that says it is a button.
      <button type="button" className="link-button rename-button" onClick={() => { setValue(name); setEditing(true); }}>
        <span className="rename-name"><span className="rename-you">{t('join.youAre')} </span><span className="rename-who">{name}</span></span> <span className="rename-change">{t('join.change')}</span>
      </button>
    );
  }
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = value.trim();
    if (trimmed) onRename(trimmed.slice(0, 80));
    setEditing(false);
  };
  return (
    <form className="inline-form" onSubmit={submit}>
      <label htmlFor="rename" className="visually-hidden">{t('join.nameLabel')}</label>
      <input id="rename" value={value} maxLength={80} autoFocus onChange={(e) => setValue(e.target.value)} />
      <button type="submit">{t('common.save')}</button>
    </form>
  );
}
