/** Small pieces shared by the console's views. */
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { ConsoleStore } from '../store';
import { text } from '../strings';
import { Icon } from './icons';

/** Re-renders every `ms` with the current time (live wait times, time on page). */
export function useNow(ms: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(t);
  }, [ms]);
  return now;
}

/** The store's state; re-renders on every change. */
export function useStore(store: ConsoleStore): ConsoleStore {
  const [, setTick] = useState(0);
  useEffect(() => store.subscribe(() => setTick((n) => n + 1)), [store]);
  return store;
}

export function initials(name: string | null): string {
  if (!name) return '?';
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const chars = parts.length > 1 ? [parts[0]![0], parts[parts.length - 1]![0]] : [...(parts[0] ?? '?')].slice(0, 2);
  return chars.join('').toUpperCase();
}

function hue(seed: string): number {
  let h = 0;
  for (let i = 0; i < seed.length; i++) h = (h * 31 + seed.charCodeAt(i)) | 0;
  return Math.abs(h) % 8;
}

export function Avatar({ name, seed, size }: { name: string | null; seed: string; size?: 'sm' | 'lg' }): JSX.Element {
  return (
    <span class={`avatar c${hue(seed)}${size ? ' ' + size : ''}`} aria-hidden="true">
      {name ? initials(name) : <Icon name="chat" />}
    </span>
  );
}

/** A short reference that tells anonymous visitors apart ("#Q1MF"), from the visitor's id (else the conversation's). */
export function shortRef(id: string): string {
  return '#' + id.replace(/[^A-Za-z0-9]/g, '').slice(-4).toUpperCase();
}

/**
 * The visitor's name, or "Visitor" and a short reference when the site did not say who it is. The
 * reference comes from the visitor, not the conversation: the same browser coming back is the same
 * "Visitor #Q1MF" in every conversation it opens (issue 17).
 */
export function VisitorLabel({ name, conversationId, visitorId }: { name: string | null; conversationId: string; visitorId?: string | undefined }): JSX.Element {
  if (name) return <>{name}</>;
  return (
    <>
      {text.visitor} <span class="ref">{shortRef(visitorId ?? conversationId)}</span>
    </>
  );
}

/**
 * The green check beside one identity field (name or e-mail) that Baton's server verified. Put it
 * only beside the field it names: a verified id does not make the name next to it verified.
 */
export function VerifiedCheck({ field }: { field: 'name' | 'email' }): JSX.Element {
  return (
    <span class="check" data-verified-field={field}>
      <Icon name="check" title={field === 'name' ? text.verifiedName : text.verifiedEmail} />
    </span>
  );
}
