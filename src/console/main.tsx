/**
 * The agent console's entry (dist/console/console.js), served by the embedded server at /agent under
 * a strict CSP: styles are adopted as a constructable stylesheet, nothing inline.
 */
import { render } from 'preact';
import { App } from './App';
import { adoptStyles } from './styles';

adoptStyles(document);
const root = document.getElementById('app') ?? document.body.appendChild(document.createElement('div'));
root.textContent = ''; // the page's "Loading…" placeholder
render(<App />, root);
