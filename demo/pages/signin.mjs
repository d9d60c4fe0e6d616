// @ts-check
/** `/signin`: a POST form. Any credentials sign you in as the demo customer, Ada Lovelace. */
import { html } from '../html.mjs';

/**
 * @param {import('./layout.mjs').PageContext} ctx
 * @param {{ returnTo: string }} options a validated local path
 */
export function signinPage(ctx, { returnTo }) {
  return html`
<div class="container page page--narrow">
  <div class="auth card">
    ${ctx.user
      ? html`<h1 class="page__title">You're signed in</h1>
    <p>Signed in as <strong>${ctx.user.name}</strong> (${ctx.user.email}).</p>
    <div class="auth__actions">
      <a class="button button--primary" href="${returnTo}">Continue</a>
      <form class="signout-form" method="post" action="/signout"><input type="hidden" name="return" value="${returnTo}"><button type="submit" class="button button--ghost">Sign out</button></form>
    </div>`
      : html`<h1 class="page__title">Sign in</h1>
    <p class="muted">Demo account: any password signs you in as <strong>Ada Lovelace</strong>, a customer since 2021.</p>
    <form class="auth__form" id="signin-form" method="post" action="/signin">
      <input type="hidden" name="return" value="${returnTo}">
      <div class="field">
        <label class="field-label" for="signin-email">Email</label>
        <input class="input" id="signin-email" name="email" type="email" autocomplete="username" value="ada@example.com">
      </div>
      <div class="field">
        <label class="field-label" for="signin-password">Password</label>
        <input class="input" id="signin-password" name="password" type="password" autocomplete="current-password" placeholder="Anything works">
      </div>
      <button type="submit" class="button button--primary button--lg button--block" id="signin-submit">Sign in</button>
    </form>
    <p class="auth__note muted">Signing in lets our support team see who you are, verified by a signature from our server.</p>`}
  </div>
</div>`;
}
