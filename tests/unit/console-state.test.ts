// The agent console's pure reducer (src/console/state.ts), driven frame by frame as the server
// would send them: queue, claim, messages (dedupe, order, gaps), ack, errors, context, typing, close.
import { describe, expect, it } from 'vitest';
import {
  gapAfter,
  initialState,
  isMine,
  isVisitorTyping,
  mergeMessages,
  newQueueIds,
  reduce,
  resyncFrames,
  unreadCount,
  type ConsoleEvent,
  type ConsoleState,
} from '../../src/console/state';
import { ME, NOW, OTHER, context, detail, message, summary, welcomeFrames } from './console-fixtures';

const run = (events: ConsoleEvent[], from: ConsoleState = initialState(), now = NOW): ConsoleState =>
  events.reduce((s, e) => reduce(s, e, now), from);

const welcomed = (over: Parameters<typeof welcomeFrames>[0] = {}) => run(welcomeFrames(over));

describe('welcome and queue', () => {
  it('takes the agent, the queue oldest first, and the agent’s conversations', () => {
    const s = welcomed({
      queue: [
        summary('c_new', { waitingSince: NOW - 10_000 }),
        summary('c_old', { waitingSince: NOW - 600_000, status: 'offline', email: 'marco@example.it' }),
        summary('c_mid', { waitingSince: NOW - 60_000 }),
      ],
      mine: [detail('c_mine')],
    });
    expect(s.ready).toBe(true);
    expect(s.agent).toEqual(ME);
    expect(s.queue.map((q) => q.id)).toEqual(['c_old', 'c_mid', 'c_new']);
    expect(s.mine).toEqual(['c_mine']);
    expect(s.conversations.c_mine!.loaded).toBe(true);
    expect(isMine(s, 'c_mine')).toBe(true);
  });

  it('applies queue changes: arrivals in their place, updates, removals; reports the arrivals', () => {
    const s1 = welcomed({ queue: [summary('a', { waitingSince: NOW - 3000 }), summary('b', { waitingSince: NOW - 2000 })] });
    const s2 = reduce(
      s1,
      {
        type: 'queue_changes',
        added: [summary('c', { waitingSince: NOW }), summary('a2', { waitingSince: NOW - 2500 })],
        updated: [summary('b', { waitingSince: NOW - 2000, page: { title: 'Cart', path: '/cart' } })],
        removed: ['a'],
      },
      NOW,
    );
    expect(s2.queue.map((q) => q.id)).toEqual(['a2', 'b', 'c']);
    expect(s2.queue[1]!.page?.title).toBe('Cart');
    expect(newQueueIds(s1.queue, [summary('c'), summary('b')])).toEqual(['c']);
    // Changes are idempotent: the same again changes nothing, removing what is gone is harmless.
    const s3 = reduce(s2, { type: 'queue_changes', added: [], updated: [s2.queue[2]!], removed: ['a', 'zz'] }, NOW);
    expect(s3.queue.map((q) => q.id)).toEqual(['a2', 'b', 'c']);
  });

  it('keeps the queue on screen while a reconnection\'s pages arrive, then replaces it at once', () => {
    const s1 = welcomed({ queue: [summary('old')] });
    let s = reduce(s1, { type: 'welcome', agent: ME, mineIds: [], queueSize: 3 }, NOW);
    s = reduce(s, { type: 'queue', conversations: [summary('n1', { waitingSince: NOW - 50 })], last: false }, NOW);
    expect(s.queue.map((q) => q.id)).toEqual(['old']);
    s = reduce(s, { type: 'queue', conversations: [summary('n2', { waitingSince: NOW - 40 }), summary('n3', { waitingSince: NOW - 30 })], last: true }, NOW);
    expect(s.queue.map((q) => q.id)).toEqual(['n1', 'n2', 'n3']);
    expect(s.queueIncoming).toBeNull();
  });

  it('rings for a conversation the bot answers only when the bot hands it over (issue 14)', () => {
    const answering = [summary('a'), summary('b', { bot: 'answering' })];
    expect(newQueueIds([summary('a')], answering)).toEqual([]);
    const handed = [summary('a'), summary('b', { bot: 'handed_over' })];
    expect(newQueueIds(answering, handed)).toEqual(['b']);
    expect(newQueueIds(handed, handed)).toEqual([]);
    // Arriving already handed over (the bot was not sure at once) rings too.
    expect(newQueueIds([], [summary('c', { bot: 'handed_over' })])).toEqual(['c']);
  });

  it('does not mutate the state it is given', () => {
    const s1 = welcomed({ queue: [summary('a')] });
    const frozen = JSON.stringify(s1);
    run([{ type: 'queue_changes', added: [summary('b')], updated: [], removed: ['a'] }, { type: '@select', conversationId: 'a' }], s1);
    expect(JSON.stringify(s1)).toBe(frozen);
  });
});

describe('open and claim', () => {
  it('previews a queued conversation from its summary, then in full after `conversation`', () => {
    let s = welcomed({ queue: [summary('q1')] });
    s = reduce(s, { type: '@select', conversationId: 'q1' }, NOW);
    expect(s.selectedId).toBe('q1');
    expect(s.conversations.q1!.loaded).toBe(false);
    s = reduce(s, { type: 'conversation', conversation: detail('q1', { status: 'waiting', agent: null }) }, NOW);
    expect(s.conversations.q1!.loaded).toBe(true);
    expect(s.conversations.q1!.context?.page.title).toBe('Checkout — Payment');
    expect(s.mine).toEqual([]);
    expect(s.queue.map((q) => q.id)).toEqual(['q1']);
  });

  it('claims: the conversation moves from the queue to mine and gets selected', () => {
    let s = welcomed({ queue: [summary('q1'), summary('q2')] });
    s = reduce(s, { type: '@claim', conversationId: 'q1' }, NOW);
    expect(s.claiming).toBe('q1');
    s = reduce(s, { type: 'conversation', conversation: detail('q1') }, NOW);
    expect(s.claiming).toBeNull();
    expect(s.mine).toEqual(['q1']);
    expect(s.selectedId).toBe('q1');
    expect(s.queue.map((q) => q.id)).toEqual(['q2']);
    // The server's queue change that follows agrees.
    s = reduce(s, { type: 'queue_changes', added: [], updated: [], removed: ['q1'] }, NOW);
    expect(s.mine).toEqual(['q1']);
  });

  it('several conversations at once', () => {
    const s = run([
      ...welcomeFrames({ queue: [], mine: [detail('a')] }),
      { type: 'conversation', conversation: detail('b') },
      { type: 'conversation', conversation: detail('c') },
    ]);
    expect(s.mine).toEqual(['a', 'b', 'c']);
  });

  it('a failed claim (another agent was faster) clears `claiming` and shows the error', () => {
    let s = welcomed({ queue: [summary('q1')] });
    s = run([{ type: '@claim', conversationId: 'q1' }, { type: 'error', code: 'forbidden', message: 'no longer queued' }], s);
    expect(s.claiming).toBeNull();
    expect(s.error).toMatchObject({ code: 'forbidden', conversationId: 'q1' });
    expect(s.mine).toEqual([]);
    expect(reduce(s, { type: '@clearError' }).error).toBeNull();
  });

  it('a conversation claimed by someone else is not mine', () => {
    const s = run([{ type: 'conversation', conversation: detail('x', { agent: OTHER }) }], welcomed());
    expect(s.mine).toEqual([]);
    expect(isMine(s, 'x')).toBe(false);
  });
});

describe('messages', () => {
  const base = () => welcomed({ mine: [detail('c1', { messages: [message('c1', 1), message('c1', 2)] })] });

  it('ignores a message it already has (same id or same index)', () => {
    const s = run([
      { type: 'message', message: message('c1', 2) },
      { type: 'message', message: message('c1', 3) },
      { type: 'message', message: message('c1', 3) },
      { type: 'history', conversationId: 'c1', messages: [message('c1', 2), message('c1', 3)] },
    ], base());
    expect(s.conversations.c1!.messages.map((m) => m.index)).toEqual([1, 2, 3]);
  });

  it('orders by index whatever the arrival order, and finds the gap to sync', () => {
    let s = run([{ type: 'message', message: message('c1', 5) }, { type: 'message', message: message('c1', 4) }], base());
    expect(s.conversations.c1!.messages.map((m) => m.index)).toEqual([1, 2, 4, 5]);
    expect(gapAfter(s.conversations.c1!.messages)).toBe(2);
    s = reduce(s, { type: 'history', conversationId: 'c1', messages: [message('c1', 3)] }, NOW);
    expect(s.conversations.c1!.messages.map((m) => m.index)).toEqual([1, 2, 3, 4, 5]);
    expect(gapAfter(s.conversations.c1!.messages)).toBeNull();
  });

  it('mergeMessages returns the same array when nothing is new', () => {
    const list = [message('c1', 1), message('c1', 2)];
    expect(mergeMessages(list, [message('c1', 2)])).toBe(list);
    expect(mergeMessages(list, [])).toBe(list);
  });

  it('updates the summary’s last message and stops the typing indicator', () => {
    let s = run([{ type: 'typing', conversationId: 'c1', on: true }], base());
    expect(isVisitorTyping(s.conversations.c1!, NOW)).toBe(true);
    s = reduce(s, { type: 'message', message: message('c1', 3, 'visitor', { text: 'Still there?' }) }, NOW);
    expect(s.conversations.c1!.summary.lastMessage).toMatchObject({ text: 'Still there?', sender: 'visitor' });
    expect(isVisitorTyping(s.conversations.c1!, NOW)).toBe(false);
  });

  it('a stale typing `on` expires', () => {
    const s = run([{ type: 'typing', conversationId: 'c1', on: true }], base());
    expect(isVisitorTyping(s.conversations.c1!, NOW + 60_000)).toBe(false);
  });

  it('counts unread visitor messages until read', () => {
    let s = base();
    // First sight: visitor messages after the last agent message need a reply.
    expect(unreadCount(s.conversations.c1!)).toBe(2);
    s = reduce(s, { type: '@read', conversationId: 'c1' }, NOW);
    expect(unreadCount(s.conversations.c1!)).toBe(0);
    s = run([{ type: 'message', message: message('c1', 3) }, { type: 'message', message: message('c1', 4, 'agent') }], s);
    expect(unreadCount(s.conversations.c1!)).toBe(1);
  });

  it('keeps the queue preview fresh for conversations it does not hold', () => {
    const s = run([{ type: 'message', message: message('q1', 2, 'visitor', { text: 'anyone?', at: NOW }) }], welcomed({ queue: [summary('q1')] }));
    expect(s.queue[0]!.lastMessage).toMatchObject({ text: 'anyone?' });
    expect(s.conversations.q1).toBeUndefined();
  });
});

describe('sending', () => {
  const base = () => welcomed({ mine: [detail('c1')] });

  it('shows a message as sending until its ack replaces it', () => {
    let s = reduce(base(), { type: '@send', conversationId: 'c1', clientId: 'abcdef0123456789', text: 'Hi Ada' }, NOW);
    expect(s.conversations.c1!.pending).toMatchObject([{ clientId: 'abcdef0123456789', status: 'sending', text: 'Hi Ada' }]);
    const committed = message('c1', 3, 'agent', { clientId: 'abcdef0123456789', text: 'Hi Ada' });
    s = reduce(s, { type: 'ack', clientId: 'abcdef0123456789', message: committed }, NOW);
    expect(s.conversations.c1!.pending).toEqual([]);
    expect(s.conversations.c1!.messages.at(-1)).toEqual(committed);
    // The same message echoed (another tab) or acked twice stays once.
    s = run([{ type: 'message', message: committed }, { type: 'ack', clientId: 'abcdef0123456789', message: committed }], s);
    expect(s.conversations.c1!.messages.filter((m) => m.clientId === 'abcdef0123456789')).toHaveLength(1);
  });

  it('keeps a message sending when the server could not store it yet (unavailable): it is sent again, not failed', () => {
    const s = run([
      { type: '@send', conversationId: 'c1', clientId: 'client_busy_1', text: 'busy' },
      { type: 'error', code: 'unavailable', message: 'database busy', clientId: 'client_busy_1' },
    ], base());
    expect(s.conversations.c1!.pending.map((p) => [p.clientId, p.status])).toEqual([['client_busy_1', 'sending']]);
    expect(s.error).toBeNull();
  });

  it('marks it failed on an error frame with its clientId, and retry makes it sending again', () => {
    let s = run([
      { type: '@send', conversationId: 'c1', clientId: 'client_one_1', text: 'one' },
      { type: '@send', conversationId: 'c1', clientId: 'client_two_2', text: 'two' },
      { type: 'error', code: 'rate_limited', message: 'slow down', clientId: 'client_one_1' },
    ], base());
    expect(s.conversations.c1!.pending.map((p) => [p.clientId, p.status, p.error])).toEqual([
      ['client_one_1', 'failed', 'rate_limited'],
      ['client_two_2', 'sending', null],
    ]);
    expect(s.error).toBeNull(); // tied to the message, not a global alert
    s = reduce(s, { type: '@retry', conversationId: 'c1', clientId: 'client_one_1' }, NOW);
    expect(s.conversations.c1!.pending[0]).toMatchObject({ status: 'sending', error: null });
    s = reduce(s, { type: '@discard', conversationId: 'c1', clientId: 'client_one_1' }, NOW);
    expect(s.conversations.c1!.pending.map((p) => p.clientId)).toEqual(['client_two_2']);
  });

  it('an ack-less message committed while offline is matched by clientId after resync', () => {
    let s = reduce(base(), { type: '@send', conversationId: 'c1', clientId: 'client_lost_ack', text: 'hello?' }, NOW);
    s = reduce(s, { type: '@disconnected' }, NOW);
    expect(s.ready).toBe(false);
    s = reduce(s, { type: 'history', conversationId: 'c1', messages: [message('c1', 3, 'agent', { clientId: 'client_lost_ack', text: 'hello?' })] }, NOW);
    expect(s.conversations.c1!.pending).toEqual([]);
    expect(s.conversations.c1!.messages.map((m) => m.index)).toEqual([1, 2, 3]);
  });
});

describe('context, close, resync', () => {
  it('updates the context and the page on context frames', () => {
    let s = welcomed({ mine: [detail('c1')], queue: [summary('q1')] });
    const next = context({ page: { ...context().page, path: '/checkout?step=review', title: 'Checkout — Review' } });
    s = reduce(s, { type: 'context', conversationId: 'c1', context: next }, NOW + 5000);
    expect(s.conversations.c1!.context?.page.title).toBe('Checkout — Review');
    expect(s.conversations.c1!.contextAt).toBe(NOW + 5000);
    expect(s.conversations.c1!.summary.page).toEqual({ title: 'Checkout — Review', path: '/checkout?step=review' });
    s = reduce(s, { type: 'context', conversationId: 'q1', context: next }, NOW);
    expect(s.queue[0]!.page?.title).toBe('Checkout — Review');
  });

  it('closed: status, note, no typing, in-flight messages failed, stays in my list until removed', () => {
    let s = run([
      { type: 'typing', conversationId: 'c1', on: true },
      { type: '@send', conversationId: 'c1', clientId: 'client_late_1', text: 'bye' },
      { type: 'closed', conversationId: 'c1', note: 'Refund issued' },
    ], welcomed({ mine: [detail('c1')] }));
    const c = s.conversations.c1!;
    expect(c.summary.status).toBe('closed');
    expect(c.closeNote).toBe('Refund issued');
    expect(c.visitorTyping).toBe(false);
    expect(c.pending[0]!.status).toBe('failed');
    expect(s.mine).toEqual(['c1']);
    s = reduce(s, { type: '@select', conversationId: 'c1' });
    s = reduce(s, { type: '@remove', conversationId: 'c1' });
    expect(s.mine).toEqual([]);
    expect(s.selectedId).toBeNull();
    expect(s.conversations.c1).toBeUndefined();
  });

  it('closing a queued conversation takes it out of the queue', () => {
    const s = run([{ type: 'closed', conversationId: 'q1', note: null }], welcomed({ queue: [summary('q1'), summary('q2')] }));
    expect(s.queue.map((q) => q.id)).toEqual(['q2']);
  });

  it('after a reconnection: sync from the last index (or the first gap), reopen the preview, resend what is sending', () => {
    let s = welcomed({ queue: [summary('q1')], mine: [detail('c1', { messages: [message('c1', 1), message('c1', 2), message('c1', 4)] }), detail('c2')] });
    s = run([
      { type: '@select', conversationId: 'q1' },
      { type: 'conversation', conversation: detail('q1', { status: 'waiting', agent: null }) },
      { type: '@send', conversationId: 'c2', clientId: 'client_pending', text: 'are you there?' },
      { type: '@send', conversationId: 'c2', clientId: 'client_failed', text: 'nope' },
      { type: 'error', code: 'rate_limited', message: '', clientId: 'client_failed' },
      { type: '@disconnected' },
      ...welcomeFrames({ queue: [summary('q1')], mine: [detail('c1', { messages: [] }), detail('c2')] }),
    ], s);
    expect(resyncFrames(s)).toEqual([
      { type: 'sync', conversationId: 'c1', afterIndex: 2 },
      { type: 'sync', conversationId: 'c2', afterIndex: 2 },
      { type: 'open', conversationId: 'q1' },
      { type: 'sync', conversationId: 'q1', afterIndex: 2 },
      { type: 'send', conversationId: 'c2', clientId: 'client_pending', text: 'are you there?' },
    ]);
  });

  it('a conversation no longer assigned after a reconnection leaves my list', () => {
    const s = run([...welcomeFrames({ queue: [], mine: [detail('c2')] })], welcomed({ mine: [detail('c1'), detail('c2')] }));
    expect(s.mine).toEqual(['c2']);
  });
});

describe('internal notes', () => {
  const note = (id: string, clientId: string, afterIndex: number, at: number) => ({ id, conversationId: 'c1', clientId, afterIndex, text: `note ${id}`, at, agent: ME });

  it('a note written here is pending until the server stores it, then kept once, apart from the messages', () => {
    let s = welcomed({ mine: [detail('c1', { messages: [message('c1', 1)], notes: [note('n_0', 'client_zero', 0, NOW - 5)] })] });
    expect(s.conversations.c1!.notes.map((n) => n.id)).toEqual(['n_0']);
    const unreadBefore = unreadCount(s.conversations.c1!);
    s = reduce(s, { type: '@send', conversationId: 'c1', clientId: 'client_note', text: 'VIP', note: true }, NOW);
    expect(s.conversations.c1!.pending).toMatchObject([{ clientId: 'client_note', note: true, status: 'sending' }]);
    s = reduce(s, { type: 'note', note: note('n_1', 'client_note', 1, NOW) }, NOW);
    s = reduce(s, { type: 'note', note: note('n_1', 'client_note', 1, NOW) }, NOW); // twice: kept once
    const c = s.conversations.c1!;
    expect(c.pending).toEqual([]);
    expect(c.notes.map((n) => n.id)).toEqual(['n_0', 'n_1']);
    expect(c.messages.map((m) => m.index)).toEqual([1]);
    expect(unreadCount(c)).toBe(unreadBefore); // a note is nothing to answer
  });

  it('a note still sending is sent again as a note after a reconnection, never as a message', () => {
    let s = welcomed({ mine: [detail('c1', { messages: [message('c1', 1)] })] });
    s = run([
      { type: '@send', conversationId: 'c1', clientId: 'client_note', text: 'Refund approved', note: true },
      { type: '@disconnected' },
      ...welcomeFrames({ mine: [detail('c1', { messages: [message('c1', 1)] })] }),
    ], s);
    expect(resyncFrames(s)).toContainEqual({ type: 'note', conversationId: 'c1', clientId: 'client_note', text: 'Refund approved' });
    expect(resyncFrames(s).some((f) => f.type === 'send')).toBe(false);
  });
});
