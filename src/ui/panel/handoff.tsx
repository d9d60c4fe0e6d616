/**
 * "Continue on your phone" (issue 16) in the panel:
 * - HandoffView, the desktop's QR view: asks for a single-use link (10 minutes) when it opens (the
 *   visitor's request, never before), draws it as a QR code (the encoder, uqr, is a lazy chunk of
 *   its own), asks every HANDOFF_POLL_MS while it shows whether a phone used it, and then says
 *   where the conversation continues, with "Continue here" back to the conversation.
 * - HandoffArrival, on the phone: where the conversation came from, or why the link could not
 *   continue it (used, expired, not valid).
 * - MovedHere, on the desktop once a phone took the conversation: said in place of the message box
 *   until the visitor chooses "Continue here", kept across reloads (sessionStorage, only with
 *   consent, like the conversation itself; the page's memory otherwise).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { BatonSession } from '../../core/session';
import type { HandoffArrival as Arrival } from '../../core/handoff';
import { HANDOFF_POLL_MS } from '../../protocol/handoff';
import { units } from '../locales/units';
import type { Text } from './text';


export const HANDOFF_CSS = `.qr{display:block;width:208px;height:208px;margin:8px auto;padding:8px;background:#fff;border-radius:8px;shape-rendering:crispEdges}\
.bd .lk{margin:8px 0 0;font-size:13px;word-break:break-all;color:#4a4a4a}\
.bd .ha{margin:0 0 12px;padding:10px 12px;border-radius:10px;background:#eef4ff;font-size:14px}\
.bd .ha.er{background:#fdecea;color:#8c1d18}\
.mv p{margin:0 0 10px;font-weight:600}`;

/** The desktop's conversation went on to a phone (`to`: "iPhone Safari"); null: it is here. */
export interface Moved {
  to: string;
  /** The conversation it was (null: the desktop had not written yet); another one ends it. */
  conversationId: string | null;
}

const MOVED_KEY = 'baton.handoff.moved';
/** undefined: not read yet from sessionStorage. */
let moved: Moved | null | undefined;

/** Where this page's conversation continues, if a phone took it (this page or an earlier one of the tab). */
export function readMoved(): Moved | null {
  if (moved === undefined) {
    moved = null;
    try {
      const m = JSON.parse(sessionStorage.getItem(MOVED_KEY) ?? 'null') as Moved | null;
      if (m && typeof m.to === 'string' && m.to.length <= 100 && (m.conversationId === null || typeof m.conversationId === 'string')) moved = { to: m.to, conversationId: m.conversationId };
    } catch {
      // No storage (a sandboxed frame, a privacy mode): the page's memory only.
    }
  }
  return moved;
}

/** Remembers (null: forgets) where the conversation continues; kept in the tab's sessionStorage only with consent. */
export function writeMoved(m: Moved | null, persist: boolean): void {
  moved = m;
  try {
    if (m && persist) sessionStorage.setItem(MOVED_KEY, JSON.stringify(m));
    else sessionStorage.removeItem(MOVED_KEY);
  } catch {
    // As above: memory only.
  }
}

/** In place of the message box: the conversation continues on the phone, or here again. */
export function MovedHere({ t: all, to, onContinue }: { t: Text; to: string; onContinue: () => void }) {
  const t = all.handoff;
  return (
    <div class="ft mv" data-testid="handoff-moved-here">
      <p role="status">{t.handoffMoved({ device: to })}</p>
      <button type="button" class="btn2 wide" onClick={onContinue}>
        {t.handoffTakeBack}
      </button>
    </div>
  );
}

type State =
  | { kind: 'loading' }
  | { kind: 'ready'; link: string; expiresAt: number; path: string; size: number }
  | { kind: 'used'; to: string }
  | { kind: 'expired' }
  | { kind: 'failed'; retryAfterS?: number };

/** The dark modules as one SVG path (one unit square each), drawn on white. */
async function qrPath(text: string): Promise<{ path: string; size: number }> {
  const { encode } = await import('uqr');
  const { data, size } = encode(text, { ecc: 'M', border: 2 });
  let path = '';
  data.forEach((row, y) => row.forEach((dark, x) => dark && (path += `M${x} ${y}h1v1h-1z`)));
  return { path, size };
}

/**
 * The QR view; the panel's header gives it its title and Back. `onMoved`: a phone took the
 * conversation; `onContinue`: "Continue here".
 */
export function HandoffView({ session, t: all, onMoved, onContinue }: { session: BatonSession; t: Text; onMoved: (to: string) => void; onContinue: () => void }) {
  const t = all.handoff;
  const [state, setState] = useState<State>({ kind: 'loading' });
  /** The latest ask wins: an answer to an older one is dropped. */
  const asked = useRef(0);

  const ask = () => {
    const n = ++asked.current;
    setState({ kind: 'loading' });
    if (!session.handoff) return setState({ kind: 'failed' });
    session.handoff().then(
      async (offer) => {
        const qr = await qrPath(offer.link);
        if (n !== asked.current) return;
        setState({ kind: 'ready', link: offer.link, expiresAt: offer.expiresAt, ...qr });
        // Until the phone uses it, it expires, or the view closes (asked.current moves on).
        const poll = () =>
          setTimeout(() => {
            if (n !== asked.current) return;
            if (Date.now() >= offer.expiresAt) return setState({ kind: 'expired' });
            offer.state().then(
              (s) => {
                if (n !== asked.current) return;
                if (s.state === 'used') {
                  setState({ kind: 'used', to: s.to ?? '' });
                  onMoved(s.to ?? '');
                }
                else if (s.state === 'expired') setState({ kind: 'expired' });
                else poll();
              },
              () => n === asked.current && poll(),
            );
          }, HANDOFF_POLL_MS);
        poll();
      },
      (e: { reason?: string; retryAfterS?: number }) => n === asked.current && setState({ kind: 'failed', ...(e?.reason === 'rate_limited' ? { retryAfterS: e.retryAfterS ?? 600 } : {}) }),
    );
  };
  useEffect(() => {
    ask();
    return () => void asked.current++;
  }, [session]);

  const time = (ms: number) => new Date(ms).toLocaleTimeString(all.locale, { hour: 'numeric', minute: '2-digit' });

  return (
    <div data-testid="handoff">
      {state.kind === 'used' ? (
        <div class="card">
          <p role="status" data-testid="handoff-moved">
            {t.handoffMoved({ device: state.to })}
          </p>
          <button type="button" class="btn2 wide" onClick={onContinue}>
            {t.handoffTakeBack}
          </button>
        </div>
      ) : (
        <>
          <p>{t.handoffIntro}</p>
          <div class="card">
            {state.kind === 'loading' && (
              <p role="status" class="st">
                {t.handoffLoading}
              </p>
            )}
            {state.kind === 'ready' && (
              <>
                <svg class="qr" viewBox={`0 0 ${state.size} ${state.size}`} role="img" aria-label={t.handoffQrLabel} data-testid="handoff-qr">
                  <path fill="#000" d={state.path} />
                </svg>
                <p class="st">{t.handoffExpires({ time: time(state.expiresAt) })}</p>
                <p class="lk">
                  {t.handoffCopy} <span data-testid="handoff-link">{state.link}</span>
                </p>
              </>
            )}
            {(state.kind === 'expired' || state.kind === 'failed') && (
              <>
                <p role="status" class="st">
                  {state.kind === 'expired' ? t.handoffExpired : state.retryAfterS ? t.handoffTooMany({ wait: units(all.locale, Math.max(1, Math.ceil(state.retryAfterS / 60)), 'minute') }) : t.handoffFailed}
                </p>
                <button type="button" class="btn2 wide" onClick={ask}>
                  {t.handoffNew}
                </button>
              </>
            )}
          </div>
        </>
      )}
    </div>
  );
}

/** On the phone: a line above the conversation saying where it came from, or why not. */
export function HandoffArrival({ session, t: all }: { session: BatonSession; t: Text }) {
  const t = all.handoff;
  const [arrival, setArrival] = useState<Arrival | null>(null);
  useEffect(() => void session.arrival?.()?.then(setArrival, () => undefined), [session]);
  if (!arrival) return null;
  if (arrival.ok)
    return (
      <p class="ha" role="status" data-testid="handoff-arrival">
        {t.handoffWelcome({ device: arrival.from })}
      </p>
    );
  const why = arrival.reason === 'handoff_used' ? t.handoffUsed : arrival.reason === 'handoff_expired' ? t.handoffLinkExpired : arrival.reason === 'network' ? t.handoffOffline : t.handoffBroken;
  return (
    <p class="ha er" role="alert" data-testid="handoff-arrival">
      {why}
    </p>
  );
}
