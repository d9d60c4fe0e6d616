// @ts-check
/**
 * The Baton paste-in snippet, written once. A site pastes this in its <head>; the demo store
 * renders it on every server-rendered page (not on the SPA, which uses the npm import).
 */
import { esc, raw, scriptJson } from './html.mjs';

/**
 * The loader stub: queues `Baton(...)` calls until /baton/baton.js (an ES module) takes over. Under
 * Trusted Types its URL goes through the policy `baton` (Baton's origin only), like baton-loader.js.
 */
export const LOADER =
  '!function(w,d,s){if(w.Baton)return;var q=[],b=w.Baton=function(){var a=arguments;q.push(a);return function(){w.Baton("off",a[1],a[2])}};b.q=q;' +
  'var e=d.createElement("script"),o=function(u){return new URL(u,d.baseURI).origin},h=o(s);e.type="module";' +
  'try{s=w.trustedTypes.createPolicy("baton",{createScriptURL:function(u){if(o(u)==h)return u;throw u}}).createScriptURL(s)}catch(x){}' +
  'e.src=s;var c=d.currentScript;c&&c.nonce&&(e.nonce=c.nonce);d.head.appendChild(e)}(window,document,"/baton/baton.js");'

/**
 * @typedef {[method: string, ...args: unknown[]]} BatonCommand  e.g. `['context', { plan: 'pro' }]`
 */

/**
 * The snippet's JavaScript: the loader stub, `Baton('boot', bootOptions)`, then each extra command.
 * Arguments are serialized as JSON that is safe inside an inline script.
 * @param {Record<string, unknown>} bootOptions
 * @param {BatonCommand[]} [extraCommands]
 * @returns {string}
 */
export function snippet(bootOptions, extraCommands = []) {
  const calls = [['boot', bootOptions], ...extraCommands].map(
    ([method, ...args]) => `Baton(${[method, ...args].map(scriptJson).join(', ')});`,
  );
  return LOADER + '\n' + calls.join('\n');
}

/**
 * The snippet as a `<script nonce>` element.
 * @param {string} nonce the response's CSP nonce
 * @param {Record<string, unknown>} bootOptions
 * @param {BatonCommand[]} [extraCommands]
 */
export function snippetTag(nonce, bootOptions, extraCommands = []) {
  return raw(`<script nonce="${esc(nonce)}">${snippet(bootOptions, extraCommands)}</script>`);
}
