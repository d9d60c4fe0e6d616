/**
 * "Want a copy of this conversation?" (issue 15): once the conversation has ended, last in the
 * thread, the visitor can have the whole of it e-mailed, to the address they already gave or to one
 * typed here. Once per conversation; never takes focus; the server's answer replaces it with one line.
 */
import { useState } from 'preact/hooks';
import type { ChatConversation, ChatHandle } from '../../core/chat/session';
import { EMAIL_MAX_CHARS } from '../../protocol/chat';
import type { Text } from './text';

export function TranscriptOffer({ t, chat, conv }: { t: Text; chat: ChatHandle; conv: ChatConversation }) {
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  if (conv.transcript === 'sent') {
    return (
      <li class="sys" data-sender="system" data-testid="transcript-sent">
        {t.transcriptSent}
      </li>
    );
  }
  const known = conv.email ?? null;
  const submit = (e: Event) => {
    e.preventDefault();
    const r = chat.transcript(known ? undefined : value);
    setError(r.ok ? null : r.reason === 'bad_email' ? t.badEmail : t.emailLater);
  };
  const note = conv.transcript === 'failed' ? t.transcriptFailed : error;
  return (
    <li class="msg ag wide" data-sender="system" data-testid="transcript">
      <form class="bub ask" onSubmit={submit} noValidate aria-labelledby="baton-tr">
        <p id="baton-tr">{t.transcriptOffer}</p>
        <div class="row2">
          {known ? null : (
            <>
              <label for="baton-tr-email" class="sr">
                {t.emailLabel}
              </label>
              <input
                id="baton-tr-email"
                type="email"
                autocomplete="email"
                placeholder={t.emailLabel}
                maxLength={EMAIL_MAX_CHARS}
                value={value}
                aria-invalid={!!error || undefined}
                aria-describedby="baton-tr-note"
                onInput={(e) => {
                  setValue(e.currentTarget.value);
                  setError(null);
                }}
              />
            </>
          )}
          <button type="submit" class="btn2" disabled={conv.transcript === 'sending'}>
            {t.transcriptSend}
          </button>
        </div>
        <p id="baton-tr-note" class={note ? 'note bad' : 'note'} aria-live="polite">
          {note ?? (conv.transcript === 'sending' ? t.transcriptSending : known)}
        </p>
      </form>
    </li>
  );
}
