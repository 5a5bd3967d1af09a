// Typing the code the room's screen shows: from the home page, or again after a mistyped one.
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { joinCodePath, joinCodePrefix } from '../../shared/join-code.ts';

export function JoinCodeForm({ initial = '' }: { initial?: string }) {
  const { t } = useTranslation();
  const [code, setCode] = useState(initial);
  const [wrong, setWrong] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!joinCodePrefix(code)) {
      setWrong(true);
      return;
    }
    location.assign(joinCodePath(code.trim().toUpperCase()));
  };
  return (
    <form className="stack join-code-form" onSubmit={submit}>
      <label htmlFor="join-code">{t('joinCode.label')}</label>
      <input
        id="join-code"
        name="code"
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        placeholder="K7M2-Q9XD"
        maxLength={12}
        value={code}
        aria-invalid={wrong}
        aria-describedby={wrong ? 'join-code-wrong' : undefined}
        onChange={(e) => {
          setCode(e.target.value);
          setWrong(false);
        }}
      />
      {wrong && (
        <p id="join-code-wrong" className="error" role="alert">
          {t('joinCode.malformed')}
        </p>
      )}
      <button type="submit">{t('joinCode.submit')}</button>
    </form>
  );
}
