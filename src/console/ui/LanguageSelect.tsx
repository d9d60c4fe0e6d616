/**
 * The console's language select (issue 18): in the top bar, the phone's More menu and the sign-in
 * screen. Picking a language loads its chunk, remembers it in this browser and renders the console
 * again in it (./language.ts); a chunk that cannot load leaves the console as it was, with an alert.
 */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { chooseLanguage, LANGUAGE_NAMES, type ShownLang } from '../language';
import { shown, text } from '../strings';

const listeners = new Set<() => void>();
/** App re-renders the console when the language changed. */
export function onLanguageChanged(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function LanguageSelect({ id, class: cls }: { id: string; class?: string }): JSX.Element {
  const [failed, setFailed] = useState(false);
  return (
    <span class={`lang-select${cls ? ` ${cls}` : ''}`}>
      <label for={id} class="sr-only">
        {text.consoleLanguage}
      </label>
      <select
        id={id}
        data-testid={id}
        title={text.consoleLanguage}
        value={shown.lang}
        onChange={(e) => {
          const lang = e.currentTarget.value as ShownLang;
          chooseLanguage(lang).then(
            () => listeners.forEach((l) => l()),
            () => setFailed(true),
          );
        }}
      >
        {LANGUAGE_NAMES.map(([code, name]) => (
          <option key={code} value={code} lang={code}>
            {name}
          </option>
        ))}
        {shown.lang === 'en-XA' ? <option value="en-XA">en-XA</option> : null}
      </select>
      {failed ? (
        <span role="alert" class="lang-failed">
          {text.languageFailed}
        </span>
      ) : null}
    </span>
  );
}
