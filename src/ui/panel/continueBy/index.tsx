/**
 * "Continue by SMS / on WhatsApp" (issue 19), a lazy chunk of the panel, loaded only when the chat's
 * transport offers it (state.messaging: Twilio with a number or sender configured; never on Baton's
 * embedded server, which has no carrier). Above the composer: one small button per channel; the
 * chosen one asks for the number (sent as typed: the site's server reads it with libphonenumber-js),
 * shows it back as the server read it, and continues only once the visitor confirms. Nothing reaches
 * the phone before that. Afterwards the thread carries the server's line ("Continued by SMS at …"),
 * and on WhatsApp a link opens WhatsApp with the company's number (WhatsApp lets a business write
 * freely only after the customer did: docs/twilio.md).
 */
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { ChatHandle, ChatState } from '../../../core/chat/session';
import type { MessagingState } from '../../../core/chat/transport';
import { PHONE_INPUT_MAX_CHARS, type MessagingChannel } from '../../../protocol/twilio';
import { addStyles } from '../../styles';
import type { Text } from '../text';
import { continueText, type ContinueText } from './text';

const CSS = `.cby{display:flex;flex-wrap:wrap;justify-content:flex-end;align-items:center;gap:6px;margin:0 0 8px}\
.cby .hov{margin:0;text-decoration:none}\
.cby .note{flex-basis:100%;margin:0;text-align:end}\
.cbf{margin:0 0 8px;padding:10px 12px;border:1px solid #d0d4da;border-radius:12px;background:#f7f8fa}\
.cbf .cbh{display:flex;align-items:center;justify-content:space-between;margin:0 0 6px;font-weight:600}\
.cbf .cbh button{min-width:32px;min-height:32px;border:0;background:none;font-size:18px;line-height:1;cursor:pointer;color:#4a4a4a}\
.cbf label{display:block;margin:0 0 4px;font-size:13px}\
.cbf .row2{display:flex;gap:8px}\
.cbf input{flex:1;min-width:0;min-height:44px;padding:0 10px;border:1px solid #767676;border-radius:10px;font:inherit}\
.cbf .note{margin:6px 0 0}\
.cbf .bad{color:#b3261e}\
.cbf p{margin:0 0 8px}`;

const styled = new WeakSet<ShadowRoot | Document>();

export function ContinueBy({ t, chat, state, messaging, styleRoot, nonce }: { t: Text; chat: ChatHandle; state: ChatState; messaging: MessagingState; styleRoot: ShadowRoot | Document; nonce?: string | undefined }) {
  if (!styled.has(styleRoot)) {
    styled.add(styleRoot);
    addStyles(styleRoot, CSS, nonce);
  }
  const w = continueText(t.lang);
  const [open, setOpen] = useState<MessagingChannel | null>(null);
  const [phone, setPhone] = useState('');
  const [read, setRead] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const ref = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    // The visitor asked for each step: focus goes to what it asks of them next.
    ref.current?.querySelector<HTMLElement>(read ? '[data-testid=continue-yes]' : 'input')?.focus();
  }, [open, read]);

  const conv = state.conversation;
  if (!conv || conv.status === 'closed' || chat.continueOn === undefined) return null;
  const label = (c: MessagingChannel) => (c === 'sms' ? w.sms : w.wa);
  const onWhatsapp = messaging.continued.some((c) => c.channel === 'whatsapp');
  const offers = messaging.channels.filter((c) => !messaging.continued.some((x) => x.channel === c));

  const problem = (reason: string) => (reason === 'invalid_number' ? t.callback.errors.bad_phone : reason === 'in_use' || reason === 'already' ? w.taken : t.callback.failed);
  const ask = async (confirm: boolean) => {
    if (busy || !open) return;
    if (!phone.trim()) return setError(t.callback.errors.bad_phone);
    setBusy(true);
    const r = await chat.continueOn!(open, confirm ? (read ?? phone) : phone, confirm);
    setBusy(false);
    if (!r.ok) {
      setError(problem(r.reason));
      if (confirm) setRead(null);
      return;
    }
    setError(null);
    if (!confirm) return setRead(r.display);
    setDone(r.display);
    setOpen(null);
    setRead(null);
    setPhone('');
    // Back to the conversation: the composer, where the visitor was before choosing.
    const root = ref.current?.getRootNode() as ShadowRoot | undefined;
    queueMicrotask(() => root?.getElementById?.('baton-input')?.focus());
  };
  const close = () => {
    setOpen(null);
    setRead(null);
    setError(null);
  };

  if (open) {
    return (
      <div ref={ref} class="cbf" role="group" aria-labelledby="baton-cb-h" data-testid="continue-form">
        <p class="cbh">
          <span id="baton-cb-h">{label(open)}</span>
          <button type="button" aria-label={t.close} title={t.close} onClick={close}>
            ×
          </button>
        </p>
        {read ? (
          <>
            <p data-testid="continue-ask">
              <Phone text={w.ask} phone={read} />
            </p>
            <div class="row2">
              <button type="button" class="btn" data-testid="continue-yes" aria-disabled={busy || undefined} onClick={() => void ask(true)}>
                {w.yes}
              </button>
              <button type="button" class="btn2" onClick={() => setRead(null)}>
                {t.menu.change}
              </button>
            </div>
          </>
        ) : (
          // Not a <form>: this sits inside the composer's form (the footer's slot above the message box).
          <div>
            <label for="baton-cb-phone">{t.callback.phone}</label>
            <div class="row2">
              <input
                id="baton-cb-phone"
                type="tel"
                autocomplete="tel"
                inputMode="tel"
                dir="ltr"
                maxLength={PHONE_INPUT_MAX_CHARS}
                value={phone}
                aria-invalid={!!error || undefined}
                aria-describedby="baton-cb-note"
                onInput={(e) => {
                  setPhone(e.currentTarget.value);
                  setError(null);
                }}
                onKeyDown={(e) => {
                  if (e.key !== 'Enter') return;
                  e.preventDefault(); // not the composer's submit
                  void ask(false);
                }}
              />
              <button type="button" class="btn2" data-testid="continue-next" aria-disabled={busy || undefined} onClick={() => void ask(false)}>
                {w.next}
              </button>
            </div>
          </div>
        )}
        {/* The footer hides a note without an element in it (.ft .note): the text goes in a span. */}
        <p id="baton-cb-note" class={error ? 'note bad' : 'note'} aria-live="polite">
          {error && <span>{error}</span>}
        </p>
      </div>
    );
  }
  if (!offers.length && !onWhatsapp && !done) return null;
  return (
    <div ref={ref} class="cby" data-testid="continue-offers">
      {done && (
        <p class="note" role="status" data-testid="continue-done">
          <Phone text={w.done} phone={done} />
        </p>
      )}
      {onWhatsapp && messaging.whatsapp && (
        <a class="hov" href={`https://wa.me/${messaging.whatsapp.replace(/\D/g, '')}`} target="_blank" rel="noopener noreferrer">
          {w.openWa}
        </a>
      )}
      {offers.map((c) => (
        <button key={c} type="button" class="hov" data-testid={`continue-${c}`} onClick={() => setOpen(c)}>
          {label(c)}
        </button>
      ))}
    </div>
  );
}

/** A sentence with the number in it, the number kept left to right in any language. */
function Phone({ text, phone }: { text: string; phone: string }) {
  const [before, after] = text.split('{phone}') as [string, string | undefined];
  return (
    <>
      {before}
      <bdi dir="ltr">{phone}</bdi>
      {after}
    </>
  );
}

export type { ContinueText };
