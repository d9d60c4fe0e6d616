/**
 * Transfer: hand the conversation to a teammate who is signed in, with a note for them. Messages,
 * notes and context go with it (the server moves the conversation; nothing is copied here).
 */
import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { NOTE_MAX_CHARS } from '../../protocol/chat';
import type { ConsoleStore } from '../store';
import { text } from '../strings';
import { Avatar } from './common';

export function TransferDialog({ store, conversationId, onClose }: { store: ConsoleStore; conversationId: string; onClose(): void }): JSX.Element {
  const ref = useRef<HTMLDialogElement>(null);
  const [to, setTo] = useState<string | null>(null);
  const [note, setNote] = useState('');
  useEffect(() => {
    const d = ref.current;
    if (d && typeof d.showModal === 'function' && !d.open) d.showModal();
    return () => {
      if (d?.open) d.close();
    };
  }, []);
  const me = store.state.agent?.id;
  const teammates = store.state.team.filter((a) => a.id !== me);
  return (
    <dialog
      ref={ref}
      class="modal"
      aria-labelledby="transfer-title"
      data-testid="transfer-dialog"
      onClose={onClose}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          if (to && store.transfer(conversationId, to, note)) onClose();
        }}
      >
        <h2 id="transfer-title">{text.transferTitle}</h2>
        <p>{text.transferIntro}</p>
        {teammates.length ? (
          <fieldset class="field team-pick">
            <legend>{text.transferTo}</legend>
            {teammates.map((a) => (
              <label key={a.id} class="team-member" data-testid="transfer-agent" data-agent-id={a.id}>
                <input type="radio" name="transfer-to" value={a.id} checked={to === a.id} onChange={() => setTo(a.id)} />
                <Avatar name={a.name} seed={a.id} size="sm" />
                <span class="grow">{a.name}</span>
                <span class={`presence ${a.presence}`}>
                  <span class="dot" aria-hidden="true" />
                  {text.presence[a.presence]}
                </span>
              </label>
            ))}
          </fieldset>
        ) : (
          <p class="muted" data-testid="transfer-nobody">
            {text.transferNobody}
          </p>
        )}
        <div class="field">
          <label for="transfer-note">{text.transferNote}</label>
          <textarea id="transfer-note" class="input" data-testid="transfer-note" maxLength={NOTE_MAX_CHARS} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
        </div>
        <div class="actions">
          <button type="button" class="btn" onClick={onClose}>
            {text.cancel}
          </button>
          <button type="submit" class="btn primary" data-testid="confirm-transfer" disabled={!to}>
            {text.transfer}
          </button>
        </div>
      </form>
    </dialog>
  );
}
