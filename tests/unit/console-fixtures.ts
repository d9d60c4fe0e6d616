// Shared fixtures for the agent console tests (tests/unit/console-*.test.ts(x)): schema-valid
// contexts, conversation summaries and details, messages.
import type { AgentPublic, AgentServerFrame, ChatMessage, ConversationDetail, ConversationSummary, Sender } from '../../src/protocol/chat';
import type { ContextSnapshot } from '../../src/protocol/context';
import { validContextSnapshot, type ContextSnapshotOverrides } from '../fixtures/contextSnapshot';

export const NOW = 1_763_900_000_000;
export const ME: AgentPublic = { id: 'agt_me', name: 'Sam Carter', color: '#3b4fc4' };
export const OTHER: AgentPublic = { id: 'agt_jo', name: 'Jo Park', color: '#0f766e' };

/** A checkout-page visitor with everything the console shows (identity, journey, campaign, signals, location). */
export function context(over: ContextSnapshotOverrides = {}): ContextSnapshot {
  return validContextSnapshot({
    at: NOW,
    page: {
      url: 'https://shop.example/checkout?step=payment',
      path: '/checkout?step=payment',
      title: 'Checkout — Payment',
      referrer: 'https://shop.example/cart',
      startedAt: NOW - 180_000,
      timeOnPageMs: 180_000,
    },
    identity: {
      id: 'user_ada',
      name: 'Ada Lovelace',
      email: 'ada@example.com',
      custom: { tier: 'Gold' },
      verified: { id: true, name: false, email: true, phone: false },
    },
    journey: [
      { path: '/', title: 'Home', at: NOW - 600_000, dwellMs: 60_000, kind: 'load' },
      { path: '/cart', title: 'Cart', at: NOW - 540_000, dwellMs: 360_000, kind: 'load' },
      { path: '/checkout?step=payment', title: 'Checkout — Payment', at: NOW - 180_000, dwellMs: 180_000, kind: 'route' },
    ],
    campaign: {
      params: { utm_source: 'newsletter', utm_medium: 'email' },
      landingPath: '/?utm_source=newsletter&utm_medium=email',
      referrer: '',
      at: NOW - 600_000,
    },
    device: { viewport: { width: 390, height: 664 }, screen: { width: 390, height: 844 }, pixelRatio: 3, touch: true, language: 'fr-FR', languages: ['fr-FR', 'en'], timeZone: 'Europe/Paris' },
    signals: [
      { type: 'rage_click', detail: 'button#pay.btn', path: '/checkout?step=payment', firstAt: NOW - 60_000, at: NOW - 50_000, count: 4 },
    ],
    custom: { cartValue: 184.5, vip: true },
    location: { latitude: 45.76, longitude: 4.84, accuracyM: 1000, at: NOW - 30_000 },
    ...over,
  });
}

export function summary(id: string, over: Partial<ConversationSummary> = {}): ConversationSummary {
  return {
    id,
    status: 'waiting',
    createdAt: NOW - 120_000,
    waitingSince: NOW - 120_000,
    visitor: { name: 'Ada Lovelace', email: 'ada@example.com', verified: { id: true, name: false, email: true } },
    lastMessage: { text: 'Hello', at: NOW - 120_000, sender: 'visitor' },
    page: { title: 'Checkout — Payment', path: '/checkout?step=payment' },
    agent: null,
    email: null,
    ...over,
  };
}

export function message(conversationId: string, index: number, sender: Sender = 'visitor', over: Partial<ChatMessage> = {}): ChatMessage {
  return {
    id: `${conversationId}_m${index}`,
    conversationId,
    index,
    clientId: `client_${conversationId}_${index}`,
    sender,
    text: `message ${index}`,
    at: NOW - 100_000 + index * 1000,
    ...(sender === 'agent' ? { agent: ME } : {}),
    ...over,
  };
}

export function detail(id: string, over: Partial<ConversationDetail> = {}): ConversationDetail {
  return {
    ...summary(id, { status: 'active', agent: ME }),
    messages: [message(id, 1), message(id, 2)],
    context: context(),
    closeNote: null,
    ...over,
  };
}

/** What the server sends an agent first: `welcome`, its conversations one frame each, then the queue (here in one last page). */
export function welcomeFrames(a: { queue?: ConversationSummary[]; mine?: ConversationDetail[]; agent?: AgentPublic } = {}): AgentServerFrame[] {
  const queue = a.queue ?? [];
  const mine = a.mine ?? [];
  return [
    { type: 'welcome', agent: a.agent ?? ME, mineIds: mine.map((d) => d.id), queueSize: queue.length },
    ...mine.map((conversation): AgentServerFrame => ({ type: 'conversation', conversation })),
    { type: 'queue', conversations: queue, last: true },
  ];
}
