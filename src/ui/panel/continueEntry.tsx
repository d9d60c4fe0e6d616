/**
 * Where "Continue by SMS / on WhatsApp" goes in the panel: above the composer, only when the chat's
 * transport offers it (state.messaging). Its view and its words are a chunk of their own
 * (./continueBy/), imported then: a site on Baton's embedded server never loads it.
 */
import { useEffect, useState } from 'preact/hooks';
import type { ChatView } from './chat';
import type { Text } from './text';

export function ContinueEntry({ t, view, styleRoot, nonce }: { t: Text; view: ChatView; styleRoot: ShadowRoot | Document; nonce?: string | undefined }) {
  const messaging = view.state?.messaging;
  const [chunk, setChunk] = useState<typeof import('./continueBy/index') | null>(null);
  useEffect(() => {
    if (messaging && !chunk) void import('./continueBy/index').then(setChunk, () => {}); // offline: no offer, the chat goes on
  }, [!!messaging]);
  if (!chunk || !messaging || !view.chat || !view.state) return null;
  return <chunk.ContinueBy t={t} chat={view.chat} state={view.state} messaging={messaging} styleRoot={styleRoot} nonce={nonce} />;
}
