/**
 * The one context summary Twilio Flex / TaskRouter sees on a task, for chats (Conversations) and
 * calls (Voice `<Enqueue><Task>`) alike: the visitor's ContextSnapshot shrunk to fit Flex's limit
 * on task attributes, plus the channel and the routing hints a workflow filters on.
 *
 * Shape (JSON):
 *   baton: 1, channel?: 'chat' | 'call' | 'phone', conversationId?,
 *   queue?, skill?, routingPath?: string[]      -- top level, so a TaskRouter filter reads `skill == "billing"`
 *   at, pre_engagement_data (Flex webchat's shape: Flex shows the name with no plugin),
 *   identity { id, name, email, phone, verified }, page { url, path, title, referrer, timeOnPageMs },
 *   campaign, device, location, custom, signals [{ type, detail, path, count }],
 *   journey [{ path, title, at, dwellMs }] (newest last, at most 10), journeyTrimmed (entries left out)
 * With no snapshot (a phone caller without a code) the context fields are null / empty.
 *
 * Shrinking, until it fits: oldest journey entries, oldest signals, then custom, campaign, location,
 * identity, then every free-text field cut shorter and shorter. The channel, conversation id and
 * routing hints are never dropped (each bounded), so routing works even for an absurd snapshot.
 */
import type { ContextSnapshot, SignalType } from '../../protocol/context';

/** Flex / TaskRouter refuses task attributes over 4,096 characters. */
export const TASK_ATTRIBUTES_MAX_CHARS = 4096;
/** Journey entries put in a task at most (newest), before any trimming for size. */
export const TASK_JOURNEY_MAX = 10;
/** A queue, skill, routing path step or conversation id is cut to 64 characters. */
export const TASK_HINT_MAX_CHARS = 64;
/** Routing path steps kept (the IVR menu's depth is bounded well below this). */
export const TASK_ROUTING_PATH_MAX = 5;
const UNVERIFIED = ' (unverified)';

export type TaskChannel = 'chat' | 'call' | 'phone';

/** Routing hints for the Flex workflow (match them in its filter expressions). */
export interface RoutingHints {
  queue?: string | undefined;
  skill?: string | undefined;
  /** The labels the visitor picked in the site's menu, e.g. ['Billing', 'Invoices']. */
  path?: string[] | undefined;
}

export interface TaskSummaryOptions {
  channel?: TaskChannel;
  conversationId?: string;
  /** Overrides the snapshot's own routing hints field by field. */
  hints?: RoutingHints;
}

export interface PreEngagementData {
  friendlyName: string;
  email?: string;
  /** The current page URL. */
  location: string;
  question?: string;
  /** Baton's verdict, per field, so a plugin or Studio flow can tell verified from claimed. */
  identityVerified: { id: boolean; name: boolean; email: boolean };
}

export interface TaskSummary {
  baton: 1;
  channel?: TaskChannel;
  conversationId?: string;
  queue?: string;
  skill?: string;
  routingPath?: string[];
  at: number | null;
  pre_engagement_data: PreEngagementData | null;
  identity: { id?: string; name?: string; email?: string; phone?: string; verified: Record<'id' | 'name' | 'email' | 'phone', boolean> } | null;
  page: { url: string; path: string; title: string; referrer: string; timeOnPageMs: number } | null;
  campaign: { params: Record<string, string>; landingPath: string } | null;
  device: { viewport: { width: number; height: number }; touch: boolean; language: string; timeZone: string; webView: boolean } | null;
  location: ContextSnapshot['location'];
  custom: ContextSnapshot['custom'] | null;
  signals: { type: SignalType; detail: string; path: string; count: number }[];
  journey: { path: string; title: string; at: number; dwellMs: number }[];
  /** Journey entries left out (older ones, including those the browser trimmed), so the agent knows the list is partial. */
  journeyTrimmed: number;
  /** Present when free-text fields had to be cut to fit. */
  truncated?: true;
}

const cut = (s: string, max: number) => (s.length <= max ? s : max <= 1 ? s.slice(0, max) : `${s.slice(0, max - 1)}…`);

/** Flex webchat's `pre_engagement_data`; an unverified name is suffixed " (unverified)". */
export function preEngagementData(snapshot: ContextSnapshot, question?: string, cap = 1000): PreEngagementData {
  const identity = snapshot.identity;
  const verified = { id: identity?.verified.id === true, name: identity?.verified.name === true, email: identity?.verified.email === true };
  const name = identity?.name?.trim();
  const short = Math.min(cap, 200);
  const friendlyName = name ? cut(name, short) + (verified.name ? '' : UNVERIFIED) : identity?.id ? `Visitor ${cut(identity.id, Math.min(cap, 100))}` : 'Website visitor';
  const out: PreEngagementData = { friendlyName, location: cut(snapshot.page.url, cap), identityVerified: verified };
  if (identity?.email) out.email = cut(identity.email, Math.min(cap, 320));
  if (question !== undefined && question.trim() !== '') out.question = cut(question.trim(), cap);
  return out;
}

/** The routing hints in effect: the options' over the snapshot's own (`snapshot.routing`, when the site's menu set one). */
function hintsOf(snapshot: ContextSnapshot | null, hints: RoutingHints | undefined): RoutingHints {
  const own = snapshot?.routing;
  return { queue: hints?.queue ?? own?.queue, skill: hints?.skill ?? own?.skill, path: hints?.path ?? own?.path };
}

function build(snapshot: ContextSnapshot | null, options: TaskSummaryOptions, journeyCount: number, signalCount: number, dropped: number, cap: number): TaskSummary {
  const hints = hintsOf(snapshot, options.hints);
  const hint = (s: string | undefined) => (s ? cut(s, TASK_HINT_MAX_CHARS) : undefined);
  const head: TaskSummary = {
    baton: 1,
    ...(options.channel ? { channel: options.channel } : {}),
    ...(options.conversationId ? { conversationId: hint(options.conversationId)! } : {}),
    ...(hints.queue ? { queue: hint(hints.queue)! } : {}),
    ...(hints.skill ? { skill: hint(hints.skill)! } : {}),
    ...(hints.path?.length ? { routingPath: hints.path.slice(0, TASK_ROUTING_PATH_MAX).map((p) => cut(p, TASK_HINT_MAX_CHARS)) } : {}),
    at: snapshot?.at ?? null,
    pre_engagement_data: null,
    identity: null,
    page: null,
    campaign: null,
    device: null,
    location: null,
    custom: null,
    signals: [],
    journey: [],
    journeyTrimmed: 0,
  };
  if (!snapshot) return head;
  const c = (s: string, max: number) => cut(s, Math.min(cap, max));
  const id = snapshot.identity;
  const journeyAll = snapshot.journey;
  const signalsAll = snapshot.signals;
  return {
    ...head,
    pre_engagement_data: preEngagementData(snapshot, undefined, cap),
    identity: dropped < 4 && id
      ? {
          ...(id.id ? { id: c(id.id, 200) } : {}),
          ...(id.name ? { name: c(id.name, 200) } : {}),
          ...(id.email ? { email: c(id.email, 320) } : {}),
          ...(id.phone ? { phone: c(id.phone, 40) } : {}),
          verified: { id: id.verified.id, name: id.verified.name, email: id.verified.email, phone: id.verified.phone },
        }
      : null,
    page: { url: c(snapshot.page.url, 1000), path: c(snapshot.page.path, 500), title: c(snapshot.page.title, 200), referrer: c(snapshot.page.referrer, 500), timeOnPageMs: snapshot.page.timeOnPageMs },
    campaign: dropped < 2 && snapshot.campaign ? { params: snapshot.campaign.params, landingPath: c(snapshot.campaign.landingPath, 300) } : null,
    device: { viewport: snapshot.device.viewport, touch: snapshot.device.touch, language: snapshot.device.language, timeZone: snapshot.device.timeZone, webView: snapshot.device.webView },
    location: dropped < 3 ? snapshot.location : null,
    custom: dropped < 1 ? snapshot.custom : null,
    signals: signalsAll.slice(signalsAll.length - signalCount).map((s) => ({ type: s.type, detail: c(s.detail, 200), path: c(s.path, 200), count: s.count })),
    journey: journeyAll.slice(journeyAll.length - journeyCount).map((j) => ({ path: c(j.path, 200), title: c(j.title, 100), at: j.at, dwellMs: j.dwellMs })),
    journeyTrimmed: snapshot.trimmed + journeyAll.length - journeyCount,
    ...(cap < 1000 ? { truncated: true as const } : {}),
  };
}

/**
 * The task attributes (a JSON string of at most 4,096 characters) for a chat or call with this
 * context (null: none known, e.g. a phone caller who typed no code).
 */
export function taskSummary(snapshot: ContextSnapshot | null, options: TaskSummaryOptions = {}): string {
  const max = TASK_ATTRIBUTES_MAX_CHARS;
  const fits = (s: TaskSummary) => {
    const json = JSON.stringify(s);
    return json.length <= max ? json : null;
  };
  let journey = Math.min(TASK_JOURNEY_MAX, snapshot?.journey.length ?? 0);
  let signals = snapshot?.signals.length ?? 0;
  let json: string | null;
  for (; journey >= 0; journey--) if ((json = fits(build(snapshot, options, journey, signals, 0, 1000)))) return json;
  journey = 0;
  for (; signals >= 0; signals--) if ((json = fits(build(snapshot, options, 0, signals, 0, 1000)))) return json;
  for (let dropped = 1; dropped <= 4; dropped++) if ((json = fits(build(snapshot, options, 0, 0, dropped, 1000)))) return json;
  // Only absurd free-text fields are left (JSON escaping can multiply a control character by 6).
  for (let cap = 500; cap >= 0; cap = cap === 0 ? -1 : cap >> 1) if ((json = fits(build(snapshot, options, 0, 0, 4, cap)))) return json;
  // Unreachable: with every string cut to 0 the summary is a few hundred characters.
  throw new Error('taskSummary: summary does not fit');
}
