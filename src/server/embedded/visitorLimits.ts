/**
 * The per-address and per-visitor abuse limits (values and reasons in ./limits.ts). One instance
 * per server; every check returns 0 when allowed, else the milliseconds to wait.
 */
import {
  CALL_STARTS_PER_VISITOR_BURST,
  CALL_STARTS_PER_VISITOR_PER_MINUTE,
  LIMITER_KEYS_MAX,
  NEW_VISITORS_PER_ADDRESS_BURST,
  NEW_VISITORS_PER_ADDRESS_PER_MINUTE,
  VISITOR_FRAMES_PER_VISITOR_BURST,
  VISITOR_FRAMES_PER_VISITOR_PER_SECOND,
  VISITOR_MESSAGES_BURST,
  VISITOR_MESSAGES_PER_MINUTE,
  VISITOR_SOCKETS_PER_ADDRESS_MAX,
} from './limits';
import { KeyedTokenBuckets } from './rateLimits';

export class VisitorLimits {
  private readonly newVisitors = new KeyedTokenBuckets(NEW_VISITORS_PER_ADDRESS_PER_MINUTE, NEW_VISITORS_PER_ADDRESS_BURST, LIMITER_KEYS_MAX);
  private readonly messages = new KeyedTokenBuckets(VISITOR_MESSAGES_PER_MINUTE, VISITOR_MESSAGES_BURST, LIMITER_KEYS_MAX);
  private readonly callStarts = new KeyedTokenBuckets(CALL_STARTS_PER_VISITOR_PER_MINUTE, CALL_STARTS_PER_VISITOR_BURST, LIMITER_KEYS_MAX);
  private readonly frames = new KeyedTokenBuckets(VISITOR_FRAMES_PER_VISITOR_PER_SECOND * 60, VISITOR_FRAMES_PER_VISITOR_BURST, LIMITER_KEYS_MAX);
  /** Open visitor sockets per address key (entries removed at 0, so the map holds only live addresses). */
  private readonly sockets = new Map<string, number>();

  /** A visitor socket from `address` wants to open: false when the address already holds the maximum. */
  openSocket(address: string): boolean {
    const open = this.sockets.get(address) ?? 0;
    if (open >= VISITOR_SOCKETS_PER_ADDRESS_MAX) return false;
    this.sockets.set(address, open + 1);
    return true;
  }

  closeSocket(address: string): void {
    const open = (this.sockets.get(address) ?? 1) - 1;
    if (open <= 0) this.sockets.delete(address);
    else this.sockets.set(address, open);
  }

  /** A new visitor row for `address` (hello without a known credential, phone code without one). */
  newVisitor(address: string, now: number): number {
    return this.newVisitors.take(address, now);
  }

  message(visitorId: string, now: number): number {
    return this.messages.take(visitorId, now);
  }

  callStart(visitorId: string, now: number): number {
    return this.callStarts.take(visitorId, now);
  }

  /** Any frame of a greeted visitor, across all its sockets. */
  frame(visitorId: string, now: number): number {
    return this.frames.take(visitorId, now);
  }
}
