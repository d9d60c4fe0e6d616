/**
 * The canned replies, managed: a dialog listing the team's and the agent's own replies, each with
 * Edit and Delete (the team's for admins only), and a form to add or edit one (shortcut, text,
 * whose). The variables a text may hold are listed beside it.
 */
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { REPLY_TEXT_MAX_CHARS, REPLY_VARIABLES, type CannedReply, type ReplyScope } from '../../protocol/cannedReplies';
import type { Replies } from '../replies';
import { text } from '../strings';
import { useModal } from './useModal';

type Editing = { id: string | null; scope: ReplyScope; shortcut: string; body: string };

export function RepliesDialog({ replies, onClose }: { replies: Replies; onClose(): void }): JSX.Element {
  const modal = useModal(onClose);
  const [, setVersion] = useState(0);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    replies.want();
    return replies.subscribe(() => setVersion((n) => n + 1));
  }, []);

  const list = replies.list;
  const canEdit = (r: CannedReply) => r.scope === 'personal' || replies.canEditTeam;

  async function save(e: Editing) {
    setBusy(true);
    const result = await replies.change(
      e.id ? { op: 'update', id: e.id, shortcut: e.shortcut, text: e.body } : { op: 'create', scope: e.scope, shortcut: e.shortcut, text: e.body },
    );
    setBusy(false);
    if (result.ok) {
      setEditing(null);
      setError(null);
    } else setError(result.message ?? text.replySaveFailed);
  }

  async function remove(r: CannedReply) {
    if (!confirm(text.replyDeleteConfirm(r.shortcut))) return;
    const result = await replies.change({ op: 'delete', id: r.id });
    setError(result.ok ? null : (result.message ?? text.replySaveFailed));
  }

  return (
    <dialog
      {...modal}
      class="modal wide"
      aria-labelledby="replies-title"
      data-testid="replies-dialog"
    >
      <div class="modal-body">
      <div class="modal-head">
        <h2 id="replies-title">{text.repliesTitle}</h2>
        <button type="button" class="btn" onClick={onClose}>
          {text.photoClose}
        </button>
      </div>
      <p class="muted">{text.repliesIntro}</p>
      <div role="alert">{error ? <p class="form-error" data-testid="reply-error">{error}</p> : null}</div>
      {editing ? (
        <form
          class="reply-form"
          data-testid="reply-form"
          onSubmit={(e) => {
            e.preventDefault();
            void save(editing);
          }}
        >
          <div class="field">
            <label for="reply-shortcut">{text.replyShortcut}</label>
            <div class="prefixed">
              <span aria-hidden="true">/</span>
              <input
                id="reply-shortcut"
                class="input"
                data-testid="reply-shortcut"
                required
                maxLength={32}
                pattern="[a-z0-9][a-z0-9_\-]{0,31}"
                aria-describedby="reply-shortcut-help"
                value={editing.shortcut}
                onInput={(e) => setEditing({ ...editing, shortcut: e.currentTarget.value.toLowerCase() })}
              />
            </div>
            <span class="help" id="reply-shortcut-help">
              {text.replyShortcutHelp}
            </span>
          </div>
          <div class="field">
            <label for="reply-text">{text.replyText}</label>
            <textarea
              id="reply-text"
              class="input"
              data-testid="reply-text"
              required
              rows={5}
              maxLength={REPLY_TEXT_MAX_CHARS}
              aria-describedby="reply-vars"
              value={editing.body}
              onInput={(e) => setEditing({ ...editing, body: e.currentTarget.value })}
            />
            <span class="help" id="reply-vars">
              {text.replyVariablesHelp} {REPLY_VARIABLES.map((v) => `{{${v}}}`).join(' ')}
            </span>
          </div>
          {editing.id === null && replies.canEditTeam ? (
            <fieldset class="field scope">
              <legend>{text.replyWhose}</legend>
              <label>
                <input type="radio" name="reply-scope" data-testid="reply-scope-team" checked={editing.scope === 'team'} onChange={() => setEditing({ ...editing, scope: 'team' })} />
                {text.replyTeamLong}
              </label>
              <label>
                <input type="radio" name="reply-scope" checked={editing.scope === 'personal'} onChange={() => setEditing({ ...editing, scope: 'personal' })} />
                {text.replyMineLong}
              </label>
            </fieldset>
          ) : null}
          <div class="actions">
            <button type="button" class="btn" onClick={() => setEditing(null)}>
              {text.cancel}
            </button>
            <button type="submit" class="btn primary" data-testid="reply-save" disabled={busy}>
              {text.replySave}
            </button>
          </div>
        </form>
      ) : (
        <div class="actions start">
          <button
            type="button"
            class="btn primary"
            data-testid="reply-new"
            onClick={() => setEditing({ id: null, scope: replies.canEditTeam ? 'team' : 'personal', shortcut: '', body: '' })}
          >
            {text.replyNew}
          </button>
        </div>
      )}
      {!replies.loaded ? (
        <p role="status">{text.loading}</p>
      ) : list.length === 0 ? (
        <p class="muted" data-testid="replies-empty">
          {text.cannedNoneYet}
        </p>
      ) : (
        <ul class="reply-list" aria-label={text.repliesTitle}>
          {list.map((r) => (
            <li key={r.id} data-testid="reply-item" data-shortcut={r.shortcut}>
              <div class="reply-head">
                <span class="sc">/{r.shortcut}</span>
                <span class={`scope ${r.scope}`}>{r.scope === 'team' ? text.replyTeam : text.replyMine}</span>
                <span class="grow" />
                {canEdit(r) ? (
                  <>
                    <button
                      type="button"
                      class="link-btn"
                      aria-label={text.replyEditLabel(r.shortcut)}
                      onClick={() => setEditing({ id: r.id, scope: r.scope, shortcut: r.shortcut, body: r.text })}
                    >
                      {text.replyEdit}
                    </button>
                    <button type="button" class="link-btn danger" aria-label={text.replyDeleteLabel(r.shortcut)} onClick={() => void remove(r)}>
                      {text.replyDelete}
                    </button>
                  </>
                ) : null}
              </div>
              <p class="reply-text">{r.text}</p>
            </li>
          ))}
        </ul>
      )}
      </div>
    </dialog>
  );
}
