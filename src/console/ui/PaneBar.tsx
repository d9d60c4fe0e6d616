/**
 * The console on a phone (narrower than PHONE_MAX_PX): one of its three columns at a time, as
 * stacked views (the conversations, a conversation, its customer's context), with Back, as a
 * messenger's mobile app does. On wider screens the bar is hidden and all three columns show.
 */
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { text } from '../strings';
import { Icon } from './icons';

export type Pane = 'list' | 'thread' | 'context';

/** The width up to which the console shows one column at a time (styles.ts has the same number). */
export const PHONE_MAX_PX = 720;

/** Which column shows on a phone: a conversation once one is chosen, the list when none is. */
export function usePane(selectedId: string | null): [Pane, (p: Pane) => void] {
  const [pane, setPane] = useState<Pane>(selectedId ? 'thread' : 'list');
  useEffect(() => setPane(selectedId ? 'thread' : 'list'), [selectedId]);
  return [pane, setPane];
}

/** Back (to the list, or from the context to the conversation) and the way to the context. */
export function PaneBar({ pane, setPane }: { pane: Pane; setPane: (p: Pane) => void }): JSX.Element | null {
  if (pane === 'list') return null;
  return (
    <nav class="pane-bar" aria-label={text.paneNav} data-testid="pane-bar">
      <button type="button" class="btn small" data-testid="pane-back" onClick={() => setPane(pane === 'context' ? 'thread' : 'list')}>
        <Icon name="back" />
        {pane === 'context' ? text.paneConversation : text.paneConversations}
      </button>
      <span class="grow" />
      {pane === 'thread' ? (
        <button type="button" class="btn small" data-testid="pane-context" onClick={() => setPane('context')}>
          {text.paneCustomer}
        </button>
      ) : null}
    </nav>
  );
}
