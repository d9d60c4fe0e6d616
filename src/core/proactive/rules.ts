/**
 * Proactive help (boot option `proactive`): rules that offer help when the visitor seems stuck,
 * with a small message next to the launcher (docs/proactive.md). This is the rule engine: which
 * rule fires on the facts of the page, and the caps that keep it polite. It loads at idle, in the
 * proactive chunk, only on pages booted with rules (src/ui/proactive.ts mounts it).
 *
 * Caps: never in the first QUIET_MS of a page, once per rule per session, at most DAILY_MAX a day,
 * one at a time. What remembers them (`memo`) is the page's memory unless the visitor consented:
 * then the session's and the day's counts survive page loads (src/ui/proactive.ts).
 */
import type { FrictionSignal, SignalType } from '../../protocol/context';
import { TRIGGER_MESSAGE_MAX, TRIGGER_RULE_PATTERN } from '../../protocol/trigger';

export interface ProactiveRule {
  /** Stable id (the agent sees it, the caps count it): [A-Za-z0-9_.:-], 1..64. */
  id: string;
  /** What the visitor reads next to the launcher (and the agent in the context): 1..140 characters. */
  message: string;
  /** Every condition given must hold; the rule fires the moment the last one does. */
  when: ProactiveWhen;
  /**
   * What the rule does: `chat` (the default) offers the message, and accepting opens the
   * conversation with the rule in the context; `survey` asks the message as a one-question survey
   * (src/ui/microSurvey.ts), answered 1 to 5 (`scale: 'five'`, the default) or yes/no.
   */
  action?: { kind: 'chat' } | { kind: 'survey'; scale?: 'five' | 'yes_no' };
}

export interface ProactiveWhen {
  /** A friction signal Baton records (rage click, error, blocked form submit) on this page... */
  signal?: SignalType;
  /** ...whose detail contains this (case-insensitive): `'size-sold-out'`, `'checkout'`. */
  detail?: string;
  /** Seconds on the page. */
  timeOnPageS?: number;
  /** The page's path: exact (`/checkout`), or a prefix ending with `*` (`/product/*`). */
  path?: string;
  /** How far down the page the visitor scrolled, 1..100 (%). */
  scrollPercent?: number;
  /** The pointer leaves the page towards the tabs or the address bar (desktop, fine pointers only). */
  exitIntent?: true;
  /** Custom fields (`context()`): equal to a value, or `{ min, max }` for numbers (a cart of $100 or more). */
  custom?: Record<string, string | number | boolean | { min?: number; max?: number }>;
  /** The visitor was here before (a journey entry from another visit: needs consent, nothing is stored without it). */
  returning?: true;
}

/** What the page says now (src/ui/proactive.ts gathers it). */
export interface ProactiveFacts {
  now: number;
  pageStartedAt: number;
  path: string;
  signals: readonly FrictionSignal[];
  custom: Readonly<Record<string, unknown>>;
  scrollPercent: number;
  exitIntent: boolean;
  returning: boolean;
}

/** A rule that fired: what goes in the context (`trigger`) when the visitor accepts. */
export interface Fired {
  rule: ProactiveRule;
  /** What made it fire: the friction signal (`rage_click: button#size-sold-out`), else the rule's conditions (`timeOnPageS, path`). */
  signal: string;
}

/** Where the caps are remembered. */
export interface ProactiveMemo {
  get(key: string): string | null;
  set(key: string, value: string): void;
}

export const QUIET_MS = 5000;
export const DAILY_MAX = 3;

/** The rules that are well formed; the others are reported (`bad`) and left out. */
export function validRules(rules: unknown, bad: (message: string) => void): ProactiveRule[] {
  return (Array.isArray(rules) ? rules : [rules]).filter((r: ProactiveRule, i) => {
    const ok = r && TRIGGER_RULE_PATTERN.test(r.id) && typeof r.message == 'string' && r.message.length > 0 && r.message.length <= TRIGGER_MESSAGE_MAX && !!r.when;
    if (!ok) bad(`proactive[${i}] is not a rule`);
    return ok;
  });
}

/** Why `rule` holds on `facts` (the signal it fired on), or null when it does not. */
export function matches(rule: ProactiveRule, f: ProactiveFacts): string | null {
  const w = rule.when;
  const d = w.detail?.toLowerCase();
  const s = f.signals.find((s) => s.at >= f.pageStartedAt && (!w.signal || s.type == w.signal) && (!d || s.detail.toLowerCase().includes(d)));
  if (
    (w.path && (w.path.endsWith('*') ? !f.path.startsWith(w.path.slice(0, -1)) : f.path != w.path)) ||
    f.now - f.pageStartedAt < (w.timeOnPageS || 0) * 1000 ||
    f.scrollPercent < (w.scrollPercent || 0) ||
    (w.exitIntent && !f.exitIntent) ||
    (w.returning && !f.returning) ||
    ((w.signal || d) && !s)
  )
    return null;
  for (const k in w.custom) {
    const want = w.custom[k]!;
    const v = f.custom[k];
    if (typeof want == 'object' ? typeof v != 'number' || v < (want.min ?? -Infinity) || v > (want.max ?? Infinity) : v !== want) return null;
  }
  // The signal, else what the rule waited for (`timeOnPageS, path`).
  return s ? `${s.type}: ${s.detail}` : Object.keys(w).join(', ');
}

export interface Proactive {
  /** The rule to show now, or null; the caller shows it and calls `shown`. */
  check(f: ProactiveFacts): Fired | null;
  /** The rule was shown: never again this session, and one more today. */
  shown(rule: ProactiveRule, now: number): void;
  /** Ms until a rule could fire on time alone (a page's first seconds, time on page), so the caller need not poll; null when time changes nothing. */
  wait(f: ProactiveFacts): number | null;
}

/** The caps around `rules`, remembered in `memo` (`s`: the rules shown this session; `d`: the day and its count). */
export function proactive(rules: readonly ProactiveRule[], memo: ProactiveMemo): Proactive {
  const today = (now: number): [string, number] => {
    const day = new Date(now).toDateString();
    const [d, n] = (memo.get('d') || '').split('|');
    return [day, d == day ? +n! : 0];
  };
  const fresh = () => rules.filter((r) => !(memo.get('s') || '').split(' ').includes(r.id));
  return {
    check(f) {
      if (f.now - f.pageStartedAt < QUIET_MS || today(f.now)[1] >= DAILY_MAX) return null;
      for (const rule of fresh()) {
        const signal = matches(rule, f);
        if (signal) return { rule, signal };
      }
      return null;
    },
    shown(rule, now) {
      const [day, n] = today(now);
      memo.set('d', `${day}|${n + 1}`);
      memo.set('s', `${memo.get('s') || ''} ${rule.id}`);
    },
    wait(f) {
      const on = f.now - f.pageStartedAt;
      const next = Math.min(...fresh().map((r) => Math.max((r.when.timeOnPageS || 0) * 1000, QUIET_MS)).filter((t) => t > on));
      return next < Infinity ? next - on : null;
    },
  };
}
