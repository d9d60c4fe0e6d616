/**
 * The agent console's entry (dist/console/console.js), served by the embedded server at /agent under
 * a strict CSP: styles are adopted as a constructable stylesheet, nothing inline. The console
 * renders first in the agent's language (./language.ts): English at once, another language once
 * its chunk is in (English if it cannot load).
 */
import { render } from 'preact';
import { App } from './App';
import { pickLanguage, showLanguage } from './language';
import { adoptStyles } from './styles';

adoptStyles(document);
const root = document.getElementById('app') ?? document.body.appendChild(document.createElement('div'));
const { lang, locale } = pickLanguage();
void showLanguage(lang, locale)
  .catch(() => showLanguage('en', pickLanguage('en').locale))
  .then(() => {
    root.textContent = ''; // the page's "Loading…" placeholder
    render(<App />, root);
  });
