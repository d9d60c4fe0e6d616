/**
 * "Phone code" in the sidebar: the agent types the 6-digit code a caller reads out (the widget's
 * phone-line view shows it), the server redeems it (single use, rate-limited per agent) and the
 * console shows whose conversation it is, with its context, and opens it when it is in the queue.
 */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { ContextSnapshot } from '../../protocol/context';
import { HTTP_AGENT_PHONE_LOOKUP_PATH, type PhoneLookupResponse } from '../../protocol/voice';
import { visitorWho } from '../state';
import type { ConsoleStore } from '../store';
import { text } from '../strings';
import { Icon } from './icons';


type Result = { kind: 'idle' } | { kind: 'busy' } | { kind: 'error'; message: string } | { kind: 'found'; found: PhoneLookupResponse };

export async function lookUpPhoneCode(code: string): Promise<{ ok: true; found: PhoneLookupResponse } | { ok: false; message: string }> {
  let res: Response;
  try {
    res = await fetch(HTTP_AGENT_PHONE_LOOKUP_PATH, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      credentials: 'same-origin',
      body: JSON.stringify({ code }),
    });
  } catch {
    return { ok: false, message: text.phoneCode.failed };
  }
  if (res.status === 404) return { ok: false, message: text.phoneCode.notFound };
  if (res.status === 429) return { ok: false, message: text.phoneCode.tooMany(Number(res.headers.get('retry-after')) || 60) };
  if (res.status === 400) return { ok: false, message: text.phoneCode.malformed };
  if (!res.ok) return { ok: false, message: text.phoneCode.failed };
  const found = (await res.json().catch(() => null)) as PhoneLookupResponse | null;
  return found?.conversation ? { ok: true, found } : { ok: false, message: text.phoneCode.failed };
}

/** The caller's name, marked verified only when the site's JWT carried that name (a signed id says nothing about it). */
function Caller({ ctx, name, verified }: { ctx: ContextSnapshot | null; name: string; verified: boolean }): JSX.Element {
  const routing = (ctx as { routing?: { path?: string[]; skill?: string } } | null)?.routing;
  return (
    <dl class="phone-found-kv">
      <dt>{text.phoneCode.caller}</dt>
      <dd data-testid="phone-caller">
        {name} <span class="muted">({verified ? text.phoneCode.verified : text.phoneCode.unverified})</span>
      </dd>
      {ctx ? (
        <>
          <dt>{text.phoneCode.page}</dt>
          <dd data-testid="phone-page">{ctx.page.title || ctx.page.path}</dd>
        </>
      ) : null}
      {routing?.path?.length ? (
        <>
          <dt>{text.phoneCode.skill}</dt>
          <dd>{routing.path.join(' › ')}</dd>
        </>
      ) : null}
    </dl>
  );
}

function caller(found: PhoneLookupResponse): { name: string; verified: boolean } {
  const who = visitorWho(found.conversation, found.context);
  return who.name ? { name: who.name, verified: who.nameVerified } : { name: text.phoneCode.anonymous, verified: false };
}

export function PhoneLookup({ store }: { store: ConsoleStore }): JSX.Element {
  const [code, setCode] = useState('');
  const [result, setResult] = useState<Result>({ kind: 'idle' });
  const submit = (e: Event) => {
    e.preventDefault();
    const digits = code.replace(/\s+/g, '');
    if (!/^\d{6}$/.test(digits)) return setResult({ kind: 'error', message: text.phoneCode.malformed });
    setResult({ kind: 'busy' });
    void lookUpPhoneCode(digits).then((r) => setResult(r.ok ? { kind: 'found', found: r.found } : { kind: 'error', message: r.message }));
  };
  const found = result.kind === 'found' ? result.found : null;
  // Open: a queued conversation (preview, claimable), one of this agent's, or a closed one (read-only);
  // another agent's live conversation cannot be opened (the server says so).
  const c = found?.conversation;
  const me = store.state.agent?.id;
  const inState = !!c && (store.state.queue.some((q) => q.id === c.id) || c.agent?.id === me || c.status === 'closed' || store.state.mine.includes(c.id));
  return (
    <section class="side-section" aria-labelledby="phone-h" data-testid="phone-lookup">
      <div class="side-head">
        <h2 id="phone-h">{text.phoneCode.title}</h2>
      </div>
      <form class="filter phone-form" onSubmit={submit}>
        <Icon name="search" />
        <input
          class="input"
          inputMode="numeric"
          autoComplete="off"
          maxLength={7}
          aria-label={text.phoneCode.label}
          placeholder="123 456"
          value={code}
          onInput={(e) => setCode(e.currentTarget.value)}
        />
        <button type="submit" class="btn small primary" disabled={result.kind === 'busy'}>
          {result.kind === 'busy' ? text.phoneCode.looking : text.phoneCode.lookUp}
        </button>
      </form>
      <div role="status" data-testid="phone-result">
        {result.kind === 'error' ? <p class="empty">{result.message}</p> : null}
        {found ? (
          <div class="phone-found">
            <Caller ctx={found.context} {...caller(found)} />
            {inState ? (
              <button type="button" class="btn small" data-testid="phone-open" onClick={() => store.select(found.conversation.id, found.conversation)}>
                {text.phoneCode.open}
              </button>
            ) : null}
          </div>
        ) : null}
      </div>
    </section>
  );
}
