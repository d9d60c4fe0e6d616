/**
 * A proactive rule's one-question survey (issue 20, docs/proactive.md): its own chunk, imported by
 * the proactive chunk (./proactive.ts) only when a survey rule fires. The question goes in the
 * rule's small box next to the launcher (never a modal, dismissible, shown once like any rule),
 * with 1-5 or yes/no buttons. The answer goes to Baton's server with the page's path (no query)
 * and a random id for this page (nothing about the person): Insights counts it next to that page.
 * A poor answer (1-2, or no) offers a chat that starts with the question and answer in its context
 * (`trigger`); a good one says thank you and goes.
 */
import type { BatonSession } from '../core/session';
import type { ProactiveRule } from '../core/proactive/rules';
import { HTTP_SURVEY_PATH, SURVEY_POOR_MAX, type SurveyAnswerRequest } from '../protocol/surveys';
import { addStyles } from './styles';
import { surveyText } from './surveyStrings';

/** How long the thank-you stays. */
const THANKS_MS = 3000;

const CSS = `.ps{flex-wrap:wrap;align-items:center;padding:10px 4px 12px 14px}.ps p{flex:1;margin:0}\
.sc{display:flex;gap:6px;flex-basis:100%;margin-top:8px}.pm .sc button,.pm .sg{min-width:40px;min-height:40px;border:1px solid #b9bec7;border-radius:8px;font:inherit;background:#fff}\
.pm .sg{padding:0 12px;margin-top:8px;background:#1a1a1a;color:#fff;border-color:#1a1a1a}`;

/** A random id for this page's answers: one per page session and rule on the server. */
const sid = (): string => {
  const b = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...b)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
};

/**
 * Fills the rule's box (already next to the launcher) with the question and its scale; `close` is the
 * box's dismiss button, `done` removes the box.
 */
export function ask(box: HTMLElement, rule: ProactiveRule, close: HTMLElement, session: BatonSession, openChat: () => void, done: () => void): void {
  const root = box.getRootNode() as ShadowRoot;
  addStyles(root, CSS, root.querySelector('style')?.nonce);
  const t = surveyText((root.host as HTMLElement).lang);
  const scale = rule.action?.kind == 'survey' && rule.action.scale == 'yes_no' ? 'yes_no' : 'five';
  const el = <K extends keyof HTMLElementTagNameMap>(tag: K, text = ''): HTMLElementTagNameMap[K] => {
    const e = document.createElement(tag);
    e.textContent = text;
    return e;
  };
  const q = el('p', rule.message);
  q.id = 'baton-survey-q';
  const group = el('div');
  group.className = 'sc';
  group.setAttribute('role', 'group');
  group.setAttribute('aria-labelledby', q.id);
  const choices: [number, string, string][] = scale == 'five' ? [1, 2, 3, 4, 5].map((n) => [n, String(n), t.outOf5(n)]) : [[1, t.yes, t.yes], [0, t.no, t.no]];
  for (const [value, label, name] of choices) {
    const b = el('button', label);
    b.type = 'button';
    b.setAttribute('aria-label', name);
    b.onclick = () => {
      const answer: SurveyAnswerRequest = { sid: sid(), rule: rule.id, question: rule.message, scale, answer: value, path: location.pathname.slice(0, 300) };
      // Baton's server: the `server` option, else where this chunk came from (the script tag's
      // origin), which is the page's own origin when bundled from npm: Baton's own default.
      const server = (session.options.server || new URL(import.meta.url).origin).replace(/\/+$/, '');
      // Best effort: a lost answer only makes the count lower.
      void fetch(server + HTTP_SURVEY_PATH, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(answer), credentials: 'omit' }).catch(() => undefined);
      if (value > SURVEY_POOR_MAX[scale]) {
        box.replaceChildren(el('p', t.thanks), close);
        setTimeout(done, THANKS_MS);
        return;
      }
      const go = el('button', t.chat);
      go.type = 'button';
      go.className = 'sg';
      go.onclick = () => {
        session.setPart!('trigger', { rule: rule.id, message: t.answered(rule.message, name).slice(0, 140), signal: `survey: ${value}`, at: Date.now() });
        done();
        openChat();
      };
      box.replaceChildren(el('p', t.sorry), close, go);
      go.focus();
    };
    group.append(b);
  }
  box.classList.add('ps');
  box.replaceChildren(q, close, group);
}
