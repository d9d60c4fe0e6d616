/** The sign-in screen. */
import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { login, type Agent } from '../api';
import { text } from '../strings';
import { Icon } from './icons';
import { LanguageSelect } from './LanguageSelect';

type LoginError =
  | { kind: 'invalid' | 'network' | 'server' | 'empty' }
  | { kind: 'rate_limited'; until: number | null; seconds: number };

export function Brand({ sub }: { sub?: string }): JSX.Element {
  return (
    <span class="brand">
      <span class="brand-mark" aria-hidden="true">
        <Icon name="chat" />
      </span>
      <span>
        {text.product} {sub ? <small>{sub}</small> : null}
      </span>
    </span>
  );
}

export function Login({ onSignedIn, notice }: { onSignedIn(agent: Agent): void; notice?: string | null }): JSX.Element {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<LoginError | null>(null);
  const [now, setNow] = useState(Date.now());
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    emailRef.current?.focus();
  }, []);

  const until = error?.kind === 'rate_limited' ? error.until : null;
  useEffect(() => {
    if (!until) return;
    const t = setInterval(() => {
      const n = Date.now();
      setNow(n);
      if (n >= until) setError(null);
    }, 1000);
    return () => clearInterval(t);
  }, [until]);

  const limited = until !== null && until > now;

  async function submit(e: Event) {
    e.preventDefault();
    if (busy || limited) return;
    if (!email.trim() || !password) {
      setError({ kind: 'empty' });
      (email.trim() ? passwordRef : emailRef).current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    const res = await login(email.trim(), password);
    setBusy(false);
    if (res.ok) {
      onSignedIn(res.agent);
      return;
    }
    if (res.reason === 'rate_limited') {
      // One reading of the clock for both, or a millisecond between them shows "43 s" for 42.
      const at = Date.now();
      setNow(at);
      const seconds = res.retryAfterS ?? 0;
      setError({ kind: 'rate_limited', until: seconds ? at + seconds * 1000 : null, seconds });
    } else {
      setError({ kind: res.reason });
    }
    if (res.reason === 'invalid') {
      setPassword('');
      passwordRef.current?.focus();
    }
  }

  let message: JSX.Element | string | null = null;
  if (error) {
    if (error.kind === 'invalid') message = text.wrongCredentials;
    else if (error.kind === 'network') message = text.networkError;
    else if (error.kind === 'server') message = text.serverError;
    else if (error.kind === 'empty') message = text.fillBoth;
    else if (!until) message = `${text.tooManyAttempts} ${text.retryLater}`;
    else {
      // The live region announces the wait once (as it was when the error came); the countdown
      // that follows is for the eyes only, or a screen reader would read it out every second.
      message = (
        <>
          {text.tooManyAttempts}{' '}
          <span aria-hidden="true">{text.retryIn(Math.max(1, Math.ceil((until - now) / 1000)))}</span>
          <span class="sr-only">{text.retryIn(error.kind === 'rate_limited' ? error.seconds : 0)}</span>
        </>
      );
    }
  }
  const invalid = error?.kind === 'invalid' || error?.kind === 'empty';

  return (
    <main class="login">
      <div class="login-card">
        <Brand sub={text.appTitle} />
        <h1>{text.signInTitle}</h1>
        <p class="intro">{text.signInIntro}</p>
        {notice && !error ? (
          <p class="form-note" role="status" data-testid="login-notice">
            {notice}
          </p>
        ) : null}
        <div aria-live="assertive" aria-atomic="true">
          {message ? (
            <p class="form-error" id="login-error" data-testid="login-error">
              <Icon name="alert" />
              <span>{message}</span>
            </p>
          ) : null}
        </div>
        <form onSubmit={submit} noValidate aria-label={text.signIn}>
          <div class="field">
            <label for="login-email">{text.email}</label>
            <input
              ref={emailRef}
              id="login-email"
              name="email"
              class="input"
              type="email"
              autocomplete="username"
              spellcheck={false}
              required
              value={email}
              aria-invalid={invalid && !email.trim() ? 'true' : error?.kind === 'invalid' ? 'true' : undefined}
              aria-describedby={message ? 'login-error' : undefined}
              onInput={(e) => setEmail(e.currentTarget.value)}
            />
          </div>
          <div class="field">
            <label for="login-password">{text.password}</label>
            <input
              ref={passwordRef}
              id="login-password"
              name="password"
              class="input"
              type="password"
              autocomplete="current-password"
              required
              value={password}
              aria-invalid={invalid && (error?.kind === 'invalid' || !password) ? 'true' : undefined}
              aria-describedby={message ? 'login-error' : undefined}
              onInput={(e) => setPassword(e.currentTarget.value)}
            />
          </div>
          <button class="btn primary" type="submit" disabled={busy || limited} aria-disabled={busy || limited}>
            {busy ? <span class="spin" aria-hidden="true" /> : null}
            {busy ? text.signingIn : text.signIn}
          </button>
        </form>
        <p class="login-foot">{text.loginFoot}</p>
        <p class="login-lang">
          <LanguageSelect id="login-language" />
        </p>
      </div>
    </main>
  );
}
