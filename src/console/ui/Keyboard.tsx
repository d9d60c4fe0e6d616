/**
 * The keyboard layer of the console (../keyboard.ts says which key does what): a command bar
 * (Ctrl/Cmd-K) that finds commands and conversations by name, the shortcuts sheet (`?`), and the
 * document's keydown that runs them. Commands that belong to the thread (close, transfer, note,
 * reply) go through the store's `intent`, which the thread answers.
 */
import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { SHORTCUTS, commandFor, isTextField, stepConversation, type Command } from '../keyboard';
import { visitorName } from '../state';
import type { ConsoleStore } from '../store';
import { text } from '../strings';
import { useModal } from './useModal';

/** Runs a command; `openReplies` and the sheets are the workspace's. */
export function runCommand(store: ConsoleStore, command: Command, ui: { palette(): void; shortcuts(): void; replies(): void }): void {
  const s = store.state;
  switch (command) {
    case 'palette':
      return ui.palette();
    case 'shortcuts':
      return ui.shortcuts();
    case 'replies':
      return ui.replies();
    case 'next':
    case 'previous': {
      const id = stepConversation(s, command === 'next' ? 1 : -1);
      if (id) store.select(id);
      return;
    }
    case 'claim': {
      const queued = s.selectedId && s.queue.some((q) => q.id === s.selectedId) ? s.selectedId : (s.queue.find((q) => q.bot !== 'answering')?.id ?? null);
      if (queued) store.claim(queued);
      return;
    }
    case 'away': {
      const me = s.team.find((a) => a.id === s.agent?.id);
      store.setPresence(me?.presence === 'away' ? 'online' : 'away');
      return;
    }
    case 'close':
    case 'transfer':
    case 'note':
    case 'reply':
      store.requestIntent(command);
  }
}

interface Item {
  key: string;
  label: string;
  hint: string;
  run(): void;
}

function CommandBar({ store, onClose, ui }: { store: ConsoleStore; onClose(): void; ui: Parameters<typeof runCommand>[2] }): JSX.Element {
  const modal = useModal(onClose);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const s = store.state;
  const done = (fn: () => void) => () => {
    onClose();
    fn();
  };
  const commands: Item[] = (['claim', 'reply', 'note', 'transfer', 'close', 'next', 'previous', 'away', 'replies', 'shortcuts'] as const).map((c) => ({
    key: `c-${c}`,
    label: text.commands[c],
    hint: SHORTCUTS.find((x) => x.command === c)?.keys[0] ?? '',
    run: done(() => runCommand(store, c, ui)),
  }));
  const conversations: Item[] = [...s.mine, ...s.queue.map((q) => q.id)].flatMap((id) => {
    const c = s.conversations[id];
    const summary = c?.summary ?? s.queue.find((q) => q.id === id);
    if (!summary) return [];
    const name = visitorName(summary, c?.context) ?? `${text.visitor} #${id.slice(-4).toUpperCase()}`;
    return [{ key: `v-${id}`, label: text.openConversationNamed(name), hint: s.mine.includes(id) ? text.mine : text.queue, run: done(() => store.select(id)) }];
  });
  const q = query.trim().toLowerCase();
  const items = [...commands, ...conversations].filter((i) => !q || i.label.toLowerCase().includes(q)).slice(0, 12);
  const chosen = Math.min(active, Math.max(0, items.length - 1));
  return (
    <dialog
      {...modal}
      class="modal palette"
      aria-label={text.commandBar}
      data-testid="command-bar"
    >
      <input
        class="input"
        role="combobox"
        aria-label={text.commandBarInput}
        aria-expanded="true"
        aria-controls="palette-list"
        aria-autocomplete="list"
        aria-activedescendant={items.length ? `palette-${chosen}` : undefined}
        data-testid="command-input"
        placeholder={text.commandBarPlaceholder}
        value={query}
        autoFocus
        onInput={(e) => {
          setQuery(e.currentTarget.value);
          setActive(0);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
            e.preventDefault();
            if (items.length) setActive((chosen + (e.key === 'ArrowDown' ? 1 : -1) + items.length) % items.length);
          } else if (e.key === 'Enter') {
            e.preventDefault();
            items[chosen]?.run();
          }
        }}
      />
      <ul role="listbox" id="palette-list" aria-label={text.commandBar}>
        {items.map((i, n) => (
          <li
            key={i.key}
            id={`palette-${n}`}
            role="option"
            aria-selected={n === chosen}
            class={n === chosen ? 'on' : undefined}
            data-testid="command-option"
            onMouseDown={(e) => e.preventDefault()}
            onClick={i.run}
          >
            <span class="grow">{i.label}</span>
            {i.hint ? <kbd>{i.hint}</kbd> : null}
          </li>
        ))}
        {items.length ? null : <li class="none">{text.commandNone}</li>}
      </ul>
    </dialog>
  );
}

function ShortcutsSheet({ onClose }: { onClose(): void }): JSX.Element {
  const modal = useModal(onClose);
  return (
    <dialog
      {...modal}
      class="modal"
      aria-labelledby="shortcuts-title"
      data-testid="shortcuts-sheet"
    >
      <div class="modal-body">
        <div class="modal-head">
          <h2 id="shortcuts-title">{text.shortcutsTitle}</h2>
          <button type="button" class="btn" onClick={onClose}>
            {text.photoClose}
          </button>
        </div>
        <p>{text.shortcutsIntro}</p>
        <dl class="shortcuts">
          {SHORTCUTS.map((sc) => (
            <div key={sc.command}>
              <dt>
                {sc.keys.map((k, i) => (
                  <>
                    {i ? ` ${text.or} ` : null}
                    <kbd>{k}</kbd>
                  </>
                ))}
              </dt>
              <dd>{text.commands[sc.command]}</dd>
            </div>
          ))}
        </dl>
      </div>
    </dialog>
  );
}

/** Mounted once by the workspace: the document's shortcuts and the two sheets they open. */
export function Keyboard({ store, openReplies }: { store: ConsoleStore; openReplies(): void }): JSX.Element | null {
  const [open, setOpen] = useState<'palette' | 'shortcuts' | null>(null);
  const ui = { palette: () => setOpen('palette'), shortcuts: () => setOpen('shortcuts'), replies: openReplies };
  const latest = useRef(ui);
  latest.current = ui;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented) return;
      // Another dialog is open (closing a conversation, a photo): its keys are its own.
      if (document.querySelector('dialog[open]') && !(e.key.toLowerCase() === 'k' && (e.ctrlKey || e.metaKey))) return;
      const command = commandFor(e, isTextField(document.activeElement));
      if (!command) return;
      e.preventDefault();
      runCommand(store, command, latest.current);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
  if (open === 'palette') return <CommandBar store={store} ui={ui} onClose={() => setOpen(null)} />;
  if (open === 'shortcuts') return <ShortcutsSheet onClose={() => setOpen(null)} />;
  return null;
}
