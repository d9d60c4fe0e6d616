/**
 * Transfer: hand the conversation to a teammate who is signed in, or back to the queue for a skill
 * (whoever has it takes it), with a note for them. Messages, notes and context go with it (the
 * server moves the conversation; nothing is copied here).
 */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { NOTE_MAX_CHARS, type ConversationSummary } from '../../protocol/chat';
import type { ConsoleStore } from '../store';
import { text } from '../strings';
import { useModal } from './useModal';
import { Avatar } from './common';

export function TransferDialog({ store, conversationId, onClose }: { store: ConsoleStore; conversationId: string; onClose(): void }): JSX.Element {
  const modal = useModal(onClose);
  /** `a:<agent id>` or `s:<skill>`: one radio group for both. */
  const [to, setTo] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const s = store.state;
  const me = s.agent?.id;
  const teammates = s.team.filter((a) => a.id !== me);
  const queues = skillQueues(s.skills, s.conversations[conversationId]?.summary.routing?.skill, s.queue);
  const availableWith = (skill: string) => s.team.filter((a) => a.id !== me && a.presence === 'online' && (a.skills ?? []).includes(skill)).length;
  return (
    <dialog
      {...modal}
      class="modal"
      aria-labelledby="transfer-title"
      data-testid="transfer-dialog"
    >
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          const target = to?.startsWith('s:') ? { skill: to.slice(2) } : to ? { agentId: to.slice(2) } : null;
          if (target && store.transfer(conversationId, target, note)) onClose();
        }}
      >
        <h2 id="transfer-title">{text.transferTitle}</h2>
        <p>{text.transferIntro}</p>
        <fieldset class="field team-pick">
          <legend>{text.transferTo}</legend>
          <p class="pick-head">{text.transferTeammates}</p>
          {teammates.length ? (
            teammates.map((a) => (
              <label key={a.id} class="team-member" data-testid="transfer-agent" data-agent-id={a.id}>
                <input type="radio" name="transfer-to" value={`a:${a.id}`} checked={to === `a:${a.id}`} onChange={() => setTo(`a:${a.id}`)} />
                <Avatar name={a.name} seed={a.id} size="sm" />
                <span class="grow">
                  {a.name}
                  {a.skills?.length ? <span class="member-skills"> · {a.skills.join(', ')}</span> : null}
                </span>
                <span class={`presence ${a.presence}`}>
                  <span class="dot" aria-hidden="true" />
                  {text.presence[a.presence]}
                </span>
              </label>
            ))
          ) : (
            <p class="muted" data-testid="transfer-nobody">
              {text.transferNobody}
            </p>
          )}
          {queues.length ? (
            <>
              <p class="pick-head">{text.transferQueues}</p>
              {queues.map((skill) => (
                <label key={skill} class="team-member" data-testid="transfer-queue" data-skill={skill}>
                  <input type="radio" name="transfer-to" value={`s:${skill}`} checked={to === `s:${skill}`} onChange={() => setTo(`s:${skill}`)} />
                  <span class="queue-mark" aria-hidden="true">
                    #
                  </span>
                  <span class="grow">{skill}</span>
                  <span class="muted">{text.transferQueueAvailable(availableWith(skill))}</span>
                </label>
              ))}
              {to?.startsWith('s:') ? <p class="muted">{text.transferQueueHint}</p> : null}
            </>
          ) : null}
        </fieldset>
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

/** The skill queues to offer: the team's skills, the conversation's own, and those the queue's conversations ask for. */
export function skillQueues(teamSkills: readonly string[], own: string | undefined, queue: readonly ConversationSummary[]): string[] {
  const all = new Set(teamSkills);
  if (own) all.add(own);
  for (const q of queue) if (q.routing?.skill) all.add(q.routing.skill);
  return [...all].sort();
}
