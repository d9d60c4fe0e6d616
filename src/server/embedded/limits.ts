/**
 * Every limit and timing of the embedded server, named, with the reason for its value.
 * Protocol limits the browser must know too (message length, frame size, ...) live in
 * src/protocol/chat.ts; these are the server's own.
 */

/** Messages a visitor or agent gets with a conversation (welcome, claim, open); older ones through `sync`. */
export const CONVERSATION_MESSAGES_MAX = 200;
/** Messages per `history` answer; the client asks again from the last index for more. */
export const SYNC_MESSAGES_MAX = 200;
/** Queue summaries carry the last message cut to this, so a queue of hundreds stays a small frame. */
export const SUMMARY_TEXT_MAX_CHARS = 200;

/** Agent sessions last 12 hours (a long shift); the cookie's Max-Age says the same. */
export const SESSION_TTL_SECONDS = 12 * 60 * 60;
/** Login: after 5 failures in 15 minutes from one IP or for one e-mail, refuse with 429 until the window slides. */
export const LOGIN_FAILURES_MAX = 5;
export const LOGIN_FAILURE_WINDOW_MS = 15 * 60 * 1000;
/** The login limiter forgets the oldest keys beyond this, so a flood of fake e-mails cannot grow memory. */
export const LOGIN_LIMITER_KEYS_MAX = 10_000;

/**
 * Frames per second per socket (token bucket: sustained rate, burst). A visitor types, navigates and
 * sends a few frames a second at most; an agent claims and answers several conversations at once.
 * Above it a frame gets `rate_limited` and is dropped (the connection stays).
 */
export const VISITOR_FRAMES_PER_SECOND = 20;
export const VISITOR_FRAME_BURST = 40;
export const AGENT_FRAMES_PER_SECOND = 100;
export const AGENT_FRAME_BURST = 200;

/** A socket that lets this much pile up unsent is not reading: it is dropped rather than grow memory. */
export const SOCKET_BUFFER_MAX_BYTES = 8 * 1024 * 1024;
/** Protocol-level pings find dead TCP connections (laptop lid closed) so presence stays true. */
export const HEARTBEAT_INTERVAL_MS = 30_000;
/** The queue goes to every agent when it changes, at most this often, so a burst of arrivals is one frame. */
export const QUEUE_BROADCAST_MIN_INTERVAL_MS = 100;
/** Conversations one agent socket may view read-only (`open`) at once; the oldest view is dropped beyond. */
export const AGENT_OPEN_VIEWS_MAX = 20;
/** A visitor without an open conversation still sees the last one for a day (the agent's last reply, closed). */
export const CLOSED_CONVERSATION_SHOWN_MS = 24 * 60 * 60 * 1000;
/**
 * A waiting conversation nobody claimed for this long turns `offline` (leave-a-message), so the
 * visitor is asked for an e-mail instead of waiting on a spinner. 0 turns this off.
 */
export const DEFAULT_NO_AGENT_AFTER_MS = 3 * 60 * 1000;
/** close() waits this long for clients to answer the 1001 close, then cuts the rest. */
export const SHUTDOWN_GRACE_MS = 1000;
/**
 * The checkpoint worker (./walCheckpoints.ts) copies the WAL into the database this often: often
 * enough that each round has little to copy, rarely enough to cost nothing when idle.
 */
export const CHECKPOINT_INTERVAL_MS = 250;
/** A WAL that grew during a burst is cut back to this when it starts over (PRAGMA journal_size_limit). */
export const WAL_SIZE_LIMIT_BYTES = 16 * 1024 * 1024;
/** SQLite waits this long for a lock (e.g. a backup or a read-only inspector) before failing. */
export const DB_BUSY_TIMEOUT_MS = 5000;

/** Agent accounts. */
export const AGENT_NAME_MAX_CHARS = 100;
export const AGENT_PASSWORD_MIN_CHARS = 10;
