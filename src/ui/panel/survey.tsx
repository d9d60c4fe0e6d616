/**
 * The satisfaction survey (issue 15), one per conversation: after the chat closes and after a call
 * in it ends, the same question in the thread, 1 to 5 (radio buttons: arrow keys move, as in any
 * radio group) and an optional comment. It never takes focus; once answered, one line thanks the
 * visitor in its place (the server keeps the first answer only).
 */
import { useState } from 'preact/hooks';
import type { ChatHandle } from '../../core/chat/session';
import { CSAT_COMMENT_MAX_CHARS } from '../../protocol/chat';
import type { Text } from './text';

export function Survey({ t, chat, done }: { t: Text; chat: ChatHandle; done: boolean }) {
  const [score, setScore] = useState(0);
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  if (done) {
    return (
      <li class="sys" data-sender="system" data-testid="survey-done">
        {t.csatThanks}
      </li>
    );
  }
  const submit = (e: Event) => {
    e.preventDefault();
    const r = score ? chat.rate(score, comment) : ({ ok: false, reason: 'bad_score' } as const);
    setError(r.ok ? null : r.reason === 'bad_score' ? t.csatPick : r.reason === 'too_long' ? t.csatTooLong : t.emailLater);
  };
  return (
    <li class="msg ag" data-sender="system" data-testid="survey">
      <form class="bub ask" onSubmit={submit} noValidate>
        <fieldset class="csat">
          <legend>{t.csatQuestion}</legend>
          <div class="sc">
            {[1, 2, 3, 4, 5].map((n) => (
              <label key={n}>
                <input type="radio" name="baton-csat" value={n} checked={score === n} onChange={() => (setScore(n), setError(null))} />
                <span aria-hidden="true">{n}</span>
                <span class="sr">{(n === 1 ? t.csatScoreLow : n === 5 ? t.csatScoreHigh : t.csatScore)({ n })}</span>
              </label>
            ))}
          </div>
          <p class="ends" aria-hidden="true">
            <span>{t.csatLow}</span>
            <span>{t.csatHigh}</span>
          </p>
        </fieldset>
        <label for="baton-csat-comment">{t.csatComment}</label>
        <textarea id="baton-csat-comment" rows={2} maxLength={CSAT_COMMENT_MAX_CHARS} value={comment} onInput={(e) => setComment(e.currentTarget.value)} />
        <p class="note bad" aria-live="polite">
          {error}
        </p>
        <button type="submit" class="btn2">
          {t.csatSend}
        </button>
      </form>
    </li>
  );
}
