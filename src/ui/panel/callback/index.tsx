/**
 * Booking a callback (issue 15), a lazy chunk of the panel loaded with the callback form: the next
 * open slots (the server's, within business hours) shown in the visitor's language and time zone,
 * the phone number as typed (the server checks and normalises it: libphonenumber-js stays out of
 * the browser), then what was booked with a way to cancel it. A booked callback shows again on a
 * later visit (the server lists the visitor's). Booking connects the chat first, so the visitor who
 * stays on the page can be called in the browser.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { CallbackError, type Callbacks } from '../../../core/callbacks';
import type { BatonSession } from '../../../core/session';
import type { VisitorCallback } from '../../../protocol/callbacks';
import { addStyles } from '../../styles';
import type { Text } from '../text';

const CSS = `.sl{display:flex;flex-wrap:wrap;gap:6px;margin:6px 0 10px;padding:0;border:0}\
.sl legend{margin-bottom:6px;font-weight:600}\
.sl label{display:inline-flex;align-items:center;gap:4px;min-height:40px;padding:0 10px;border:1px solid #767676;border-radius:20px;background:#fff;cursor:pointer;font-size:14px}\
.sl input{margin:0}\
.sl label:has(input:checked){border-color:#1a56db;background:#eef4ff}`;

/** How long a booking waits for the chat to connect before it goes without (./index.tsx `connected`). */
const CHAT_WAIT_MS = 5000;

/** "Monday 7 December, 9:30 AM" in the visitor's language and time zone. */
const format = (lang: string, at: number, short = false) =>
  new Intl.DateTimeFormat(lang, short ? { weekday: 'short', hour: 'numeric', minute: '2-digit' } : { weekday: 'long', day: 'numeric', month: 'long', hour: 'numeric', minute: '2-digit' }).format(at);

/** `onBooked(pending)`: called with true as the booking starts (its context then says so), without once booked. */
export function CallbackBooking({ session, t: all, styleRoot, onBooked }: { session: BatonSession; t: Text; styleRoot: ShadowRoot | Document; onBooked?: (pending?: boolean) => void }) {
  const t = all.callback;
  const lang = all.locale;
  const api = useRef<Callbacks | null>(null);
  const [slots, setSlots] = useState<number[] | null>(null);
  const [booked, setBooked] = useState<VisitorCallback | null>(null);
  const [at, setAt] = useState<number | null>(null);
  const [phone, setPhone] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [cancelled, setCancelled] = useState(false);
  const doneRef = useRef<HTMLParagraphElement>(null);
  const input = useRef<HTMLInputElement>(null);

  const load = async () => {
    const c = (api.current ??= await session.callbacks!());
    const [open, mine] = await Promise.all([c.slots(), c.mine().catch(() => [])]);
    setBooked(mine.find((m) => m.status === 'booked') ?? null);
    setSlots(open);
    setAt((cur) => (cur !== null && open.includes(cur) ? cur : (open[0] ?? null)));
  };
  useEffect(() => {
    addStyles(styleRoot, CSS, session.options.nonce);
    load().catch(() => setError(t.failed));
  }, []);
  useLayoutEffect(() => {
    // The visitor asked for this form: once its times are there, the number is next.
    if (booked || cancelled) doneRef.current?.focus();
    else if (slots?.length) input.current?.focus();
  }, [booked, cancelled, !!slots]);

  /**
   * The chat connects first (within CHAT_WAIT_MS, else the booking goes on without it): the booking
   * then belongs to the chat's visitor, its line shows in the thread, and while this page stays
   * open the agent's "Call now" can ring it (an agent's call, src/core/call/signalling.ts).
   */
  const connected = () =>
    session.chat().then(
      (c) =>
        new Promise<void>((done) => {
          c.start();
          setTimeout(done, CHAT_WAIT_MS);
          const off = c.subscribe((s) => {
            if (!s.ready) return;
            queueMicrotask(() => off());
            done();
          });
        }),
      () => undefined,
    );

  const fail = (e: unknown) => {
    const reason = e instanceof CallbackError ? e.reason : 'network';
    setError((t.errors as Record<string, string>)[reason] ?? t.failed);
    if (reason === 'slot_gone' || reason === 'already_booked') load().catch(() => undefined);
  };

  if (booked) {
    return (
      <div class="cb" data-testid="callback-booked">
        <p class="cst" role="status" tabIndex={-1} ref={doneRef}>
          {t.booked({ when: format(lang, booked.at), phone: booked.phone })}
        </p>
        <button
          type="button"
          class="btn2"
          disabled={busy}
          onClick={() => {
            setBusy(true);
            api.current!.cancel(booked.id).then(
              () => {
                setBooked(null);
                setCancelled(true);
                setBusy(false);
              },
              (e: unknown) => {
                setBusy(false);
                fail(e);
              },
            );
          }}
        >
          {t.cancel}
        </button>
      </div>
    );
  }
  if (!slots) return <p class="cst" role="status">{error ?? t.loading}</p>;
  if (!slots.length) return <p class="cst">{t.noSlots}</p>;
  return (
    <form
      class="cb"
      data-testid="callback-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (at === null || busy) return;
        setBusy(true);
        setError(null);
        setCancelled(false);
        onBooked?.(true);
        connected()
          .then(() => api.current!.book(phone, at))
          .then(
            (b) => {
              setBusy(false);
              setBooked(b);
              onBooked?.();
            },
            (err: unknown) => {
              setBusy(false);
              fail(err);
            },
          );
      }}
    >
      {cancelled && (
        <p class="cst" role="status" tabIndex={-1} ref={doneRef}>
          {t.cancelled}
        </p>
      )}
      <fieldset class="sl">
        <legend>{t.pick}</legend>
        {slots.map((s) => (
          <label key={s}>
            <input type="radio" name="baton-slot" value={String(s)} checked={s === at} onChange={() => setAt(s)} />
            {format(lang, s, true)}
          </label>
        ))}
      </fieldset>
      <label for="baton-cb">{t.phone}</label>
      <div class="row">
        <input
          id="baton-cb"
          ref={input}
          data-focus
          type="tel"
          autocomplete="tel"
          inputMode="tel"
          required
          maxLength={32}
          value={phone}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? 'baton-cb-e' : undefined}
          onInput={(e) => {
            setPhone(e.currentTarget.value);
            setError(null);
          }}
        />
        <button type="submit" class="btn" disabled={busy}>
          {busy ? t.booking : t.book}
        </button>
      </div>
      {error && (
        <p id="baton-cb-e" class="err" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
