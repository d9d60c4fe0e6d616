/**
 * The top bar's "More" on a phone (issue 17): what does not fit 390 px (the agent's status, canned
 * replies, the team, signing out) in one small menu, so an agent on a phone can still go Away.
 * Hidden on wider screens, where each has its own place in the top bar. A disclosure (a button and
 * a list of buttons), not an ARIA menu: Tab moves through it, Escape or a click elsewhere closes it,
 * and focus goes back to the button.
 */
import type { JSX } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { AgentPresence } from '../../protocol/chat';
import type { ConsoleStore } from '../store';
import { text } from '../strings';
import { Icon } from './icons';
import { LanguageSelect } from './LanguageSelect';

export function MoreMenu({
  store,
  presence,
  admin,
  onReplies,
  onTeam,
  onSignOut,
}: {
  store: ConsoleStore;
  presence: AgentPresence;
  admin: boolean;
  onReplies(): void;
  onTeam(): void;
  onSignOut(): void;
}): JSX.Element {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const list = useRef<HTMLDivElement>(null);
  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) button.current?.focus();
  };
  // A layout effect, not useEffect: registered when the list is drawn, so an Escape pressed right
  // after the click that opened it is not lost (useEffect waits for a frame; the fresh-clone CI
  // caught desk.test.ts's Escape arriving before it on a loaded machine).
  useLayoutEffect(() => {
    if (!open) return;
    list.current?.querySelector<HTMLButtonElement>('button')?.focus();
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && (e.stopPropagation(), close(true));
    const onDown = (e: PointerEvent) => !button.current?.parentElement?.contains(e.target as Node) && close(false);
    document.addEventListener('keydown', onKey, true);
    document.addEventListener('pointerdown', onDown, true);
    return () => {
      document.removeEventListener('keydown', onKey, true);
      document.removeEventListener('pointerdown', onDown, true);
    };
  }, [open]);
  const item = (testid: string, icon: Parameters<typeof Icon>[0]['name'], label: string, act: () => void) => (
    <button type="button" class="more-item" data-testid={testid} onClick={() => (close(true), act())}>
      <Icon name={icon} />
      {label}
    </button>
  );
  return (
    <span class="more">
      <button
        ref={button}
        type="button"
        class="top-btn more-btn"
        data-testid="more"
        aria-expanded={open ? 'true' : 'false'}
        aria-controls="more-list"
        onClick={() => (open ? close(false) : setOpen(true))}
      >
        <Icon name="more" />
        {text.more}
      </button>
      {open ? (
        <div class="more-list" id="more-list" ref={list}>
          <div role="group" aria-label={text.yourPresence} class="more-presence">
            {(['online', 'away'] as const).map((p) => (
              <button
                key={p}
                type="button"
                class={`more-item ${p}`}
                data-testid={`more-presence-${p}`}
                aria-pressed={presence === p ? 'true' : 'false'}
                disabled={!store.state.ready}
                onClick={() => (store.setPresence(p), close(true))}
              >
                <span class="dot" aria-hidden="true" />
                {text.presence[p]}
              </button>
            ))}
          </div>
          {item('more-replies', 'chat', text.replies, onReplies)}
          {admin ? item('more-team', 'users', text.teamAdmin, onTeam) : null}
          {item('more-sign-out', 'logout', text.signOut, onSignOut)}
          <LanguageSelect id="more-language" class="more-lang" />
        </div>
      ) : null}
    </span>
  );
}
