/**
 * The phone-line view: the company's number (boot option `phone`) as a tel: link and a 6-digit,
 * single-use context code valid 10 minutes, so the agent who answers sees the visitor's context.
 * Reached from the panel's home ("Call us by phone") and from the call view's alternatives when the
 * browser cannot call (microphone denied or missing, unsupported): the panel's view 'phone'.
 * The code is asked for when this view opens (the visitor's request), never before.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { BatonSession } from '../../core/session';
import { units } from '../locales/units';
import type { Text } from './text';

const BACK_ICON = 'M15.41 16.59 10.83 12l4.58-4.59L14 6l-6 6 6 6z';

/** What the site may pass as `phone`: digits, spaces, + ( ) . - ; 3 to 32 characters. */
const PHONE_PATTERN = /^\+?[0-9 ().-]{3,32}$/;

/** The `tel:` URI of a displayed number ('+1 555 0100' -> 'tel:+15550100'), or null when it is not one. */
export function telHref(phone: unknown): string | null {
  if (typeof phone !== 'string' || !PHONE_PATTERN.test(phone.trim())) return null;
  const digits = phone.trim().replace(/[^0-9+]/g, '');
  return /^\+?[0-9]{3,20}$/.test(digits) ? `tel:${digits}` : null;
}

type CodeState =
  | { kind: 'loading' }
  | { kind: 'ready'; code: string; expiresAt: number }
  | { kind: 'failed'; retryAfterS?: number };

/**
 * `onBack`: shown inside the call bar (its own Back and heading); without it, the panel's view,
 * whose header has both.
 */
export function PhoneLineView({ session, t: all, onBack, onCode }: { session: BatonSession; t: Text; onBack?: () => void; onCode?: () => void }) {
  const t = all.phone;
  const phone = String(session.options.phone ?? '').trim();
  const href = telHref(phone);
  const [state, setState] = useState<CodeState>({ kind: 'loading' });
  const [now, setNow] = useState(() => Date.now());
  const heading = useRef<HTMLHeadingElement>(null);
  useLayoutEffect(() => heading.current?.focus(), []); // as the call bar's alternative (the view: the panel focuses its header)

  const ask = () => {
    setState({ kind: 'loading' });
    if (!session.phoneCode) return setState({ kind: 'failed' });
    session.phoneCode().then(
      (c) => {
        setState({ kind: 'ready', code: c.code, expiresAt: c.expiresAt });
        onCode?.(); // the code shown: the phone line is the way the visitor chose (./preference.ts)
      },
      (e: { reason?: string; retryAfterS?: number }) => setState({ kind: 'failed', ...(e?.reason === 'rate_limited' ? { retryAfterS: e.retryAfterS ?? 600 } : {}) }),
    );
  };
  useEffect(ask, [session]);
  // The countdown: once every 15 s is enough for minutes.
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 15_000);
    return () => clearInterval(id);
  }, []);

  const expired = state.kind === 'ready' && state.expiresAt <= now;
  const time = (ms: number) => new Date(ms).toLocaleTimeString(all.locale, { hour: 'numeric', minute: '2-digit' });
  const minutesLeft = (ms: number) => (ms < 60_000 ? t.lessThanMinute : units(all.locale, Math.floor(ms / 60_000), 'minute'));

  return (
    <div data-testid="phone-line">
      {onBack && (
        <>
          <button type="button" class="bk" onClick={onBack}>
            <svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true">
              <path fill="currentColor" d={BACK_ICON} />
            </svg>
            {t.phoneBack}
          </button>
          <h3 ref={heading} tabIndex={-1}>
            {t.phoneTitle}
          </h3>
        </>
      )}
      <p>{t.phoneIntro}</p>
      <div class="card">
        <p class="note">{t.phoneNumber}</p>
        {href ? (
          <a class="tel" href={href} data-testid="phone-number">
            {phone}
          </a>
        ) : null}
        <p class="note pc">{t.phoneCode}</p>
        {state.kind === 'loading' && (
          <p role="status" class="st">
            {t.phoneLoading}
          </p>
        )}
        {state.kind === 'ready' && !expired && (
          <>
            <p class="code" data-testid="phone-code" aria-label={state.code.split('').join(' ')}>
              {`${state.code.slice(0, 3)} ${state.code.slice(3)}`}
            </p>
            <p class="st" data-testid="phone-expiry">
              {t.phoneExpires({ time: time(state.expiresAt), left: minutesLeft(state.expiresAt - now) })}
            </p>
          </>
        )}
        {(expired || state.kind === 'failed') && (
          <>
            <p role="status" class="st">
              {expired ? t.phoneExpired : state.kind === 'failed' && state.retryAfterS ? t.phoneTooMany({ wait: units(all.locale, Math.max(1, Math.ceil(state.retryAfterS / 60)), 'minute') }) : t.phoneFailed}
            </p>
            <button type="button" class="btn2 wide" onClick={ask}>
              {expired ? t.phoneNewCode : t.phoneRetry}
            </button>
          </>
        )}
      </div>
    </div>
  );
}
