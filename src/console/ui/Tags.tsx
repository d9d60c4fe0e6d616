/**
 * Tags on conversations (issue 17): shown in lists as small chips, edited in the context panel. Any
 * agent may add or remove one; every console hears the change (`tags` frame).
 */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { TAG_PATTERN } from '../../protocol/chat';
import type { ConsoleStore } from '../store';
import { text } from '../strings';

/** Read-only chips (queue rows, history, search results). */
export function Tags({ tags }: { tags: string[] }): JSX.Element {
  return (
    <span class="tags" data-testid="tags">
      {tags.map((t) => (
        <span key={t} class="chip tagchip" data-tag={t}>
          {t}
        </span>
      ))}
    </span>
  );
}

/** The context panel's editor: the chips with a remove button each, and a field to add one. */
export function TagEditor({ store, conversationId, tags }: { store: ConsoleStore; conversationId: string; tags: string[] }): JSX.Element {
  const [draft, setDraft] = useState('');
  const valid = TAG_PATTERN.test(draft.trim());
  const add = (e: Event) => {
    e.preventDefault();
    if (!valid) return;
    store.tag(conversationId, draft.trim(), true);
    setDraft('');
  };
  return (
    <div class="tag-editor" data-testid="tag-editor">
      {tags.length ? (
        <ul class="tags" aria-label={text.tags}>
          {tags.map((t) => (
            <li key={t} class="chip tagchip" data-tag={t}>
              {t}
              <button type="button" class="chip-x" aria-label={text.removeTag(t)} onClick={() => store.tag(conversationId, t, false)}>
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <form class="tag-add" onSubmit={add}>
        <label class="sr-only" for={`tag-${conversationId}`}>
          {text.addTag}
        </label>
        <input
          id={`tag-${conversationId}`}
          data-testid="tag-input"
          value={draft}
          maxLength={32}
          placeholder={text.addTag}
          onInput={(e) => setDraft((e.target as HTMLInputElement).value)}
        />
        <button type="submit" class="btn" disabled={!valid}>
          {text.addTagButton}
        </button>
      </form>
    </div>
  );
}
