/**
 * Every limit and timing of the embedded server, named, with the reason for its value.
 * Protocol limits the browser must know too (message length, frame size, ...) live in
 * src/protocol/chat.ts; these are the server's own.
 */

/** Messages a visitor or agent gets with a conversation (welcome, claim, open); older ones through `sync`. */
export const CONVERSATION_MESSAGES_MAX = 200;
/** Messages per `history` answer; the client asks again from the last index for more. */
export const SYNC_MESSAGES_MAX = 200;
/**
 * The messages in one frame (a conversation's latest, a `history` answer, the visitor's welcome)
 * fit in this much JSON, fewer messages when they are long: with the context (8 KB at most) and
 * the summary beside them, every frame stays under FRAME_MAX_BYTES (64 KiB). 200 messages of
 * 4,000 characters would be 800 KB or more.
 */
export const MESSAGES_FRAME_MAX_BYTES = 40 * 1024;
/** Queue summaries carry the last message cut to this, so a queue of hundreds stays a small frame. */
export const SUMMARY_TEXT_MAX_CHARS = 200;

/** Agent sessions last 12 hours (a long shift); the cookie's Max-Age says the same. */
export const SESSION_TTL_SECONDS = 12 * 60 * 60;
/**
 * Login (issue 13): a stranger's failures must never lock the right password out from another
 * address. So the lock is per e-mail AND address: 5 failures in 15 minutes for one e-mail from one
 * address refuse that pair with 429 until the window slides; the same e-mail from elsewhere still
 * gets in. Per e-mail, from anywhere, failures only slow every attempt down (LOGIN_DELAY_*).
 */
export const LOGIN_FAILURES_MAX = 5;
export const LOGIN_FAILURE_WINDOW_MS = 15 * 60 * 1000;
/**
 * One address trying many e-mails (credential stuffing): 20 failures in the window lock that
 * address. Agents are few; 20 typos from one office in 15 minutes is not them.
 */
export const LOGIN_FAILURES_PER_ADDRESS_MAX = 20;
/**
 * Progressive delay per e-mail: after LOGIN_DELAY_FREE_FAILURES failures in the window (from any
 * address), each attempt for that e-mail waits LOGIN_DELAY_BASE_MS, doubling per further failure,
 * at most LOGIN_DELAY_MAX_MS, before its password is checked. The right password still gets in,
 * a few seconds later; guessing from many addresses slows to a crawl.
 */
export const LOGIN_DELAY_FREE_FAILURES = 3;
export const LOGIN_DELAY_BASE_MS = 250;
export const LOGIN_DELAY_MAX_MS = 8000;
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

/**
 * Abuse limits per address and per visitor (issue 13): a per-socket limit alone lets one address
 * open many sockets and one visitor write through many. Refusals are answered `rate_limited` with
 * `retryAfterMs` (HTTP: 429 with Retry-After). Documented in docs/agent-api.md#limits.
 *
 * New visitors (a `hello` without a known credential, or a phone code asked without one) per client
 * address: 30 a minute, bursts of 30. A person is one visitor; an office or a mobile carrier's NAT
 * shares one address between many people, but 30 new ones a minute from one address is a crowd.
 * Measured before: one address created 750 visitors a second. The refused hello is closed (1013,
 * try again later) and the widget reconnects with its backoff.
 */
export const NEW_VISITORS_PER_ADDRESS_PER_MINUTE = 30;
export const NEW_VISITORS_PER_ADDRESS_BURST = 30;
/**
 * Visitor sockets open at once per client address (IPv6: per /64). The widget keeps one socket per
 * visitor (multi-tab shares it), so 50 is 50 people chatting from one address at once. Measured
 * before: one address held 1,000. Beyond it the upgrade is refused with 429 and Retry-After.
 */
export const VISITOR_SOCKETS_PER_ADDRESS_MAX = 50;
/** Retry-After (s) for a refused socket: sockets free up when people leave, not on a schedule. */
export const VISITOR_SOCKETS_RETRY_AFTER_S = 30;
/** A visitor socket that has not said `hello` within this is closed (1008): measured before, sockets that never spoke stayed open. */
export const HELLO_TIMEOUT_MS = 10_000;
/**
 * Messages (`send`) per visitor across all its sockets: 60 a minute, bursts of 20. Typing people
 * send a few a minute; the burst lets the widget's outbox flush what was typed offline (it retries
 * a refused message after the wait, keeping the order). Measured before: one visitor on 10 sockets
 * stored 326 messages a second.
 */
export const VISITOR_MESSAGES_PER_MINUTE = 60;
export const VISITOR_MESSAGES_BURST = 20;
/**
 * `call_start` per visitor: 3 in a row, then one every 20 s. A person calls, maybe calls again
 * after a dropped line; each start rings every online agent. Measured before: 51 in 4 s rang
 * every agent 51 times. A refused start gets `rate_limited` and `call_ended` (error).
 */
export const CALL_STARTS_PER_VISITOR_PER_MINUTE = 3;
export const CALL_STARTS_PER_VISITOR_BURST = 3;
/** Frames per visitor across all its sockets (each socket also has its own bucket): twice one socket's. */
export const VISITOR_FRAMES_PER_VISITOR_PER_SECOND = 2 * VISITOR_FRAMES_PER_SECOND;
export const VISITOR_FRAMES_PER_VISITOR_BURST = 2 * VISITOR_FRAME_BURST;
/** A refused frame is logged once per socket and this interval (one line, no stack), however many follow. */
export const REFUSAL_LOG_INTERVAL_MS = 60_000;
/** Keys (addresses, visitors) each keyed limiter remembers; beyond, the least recently seen is forgotten (memory stays bounded). */
export const LIMITER_KEYS_MAX = 50_000;

/** A socket that lets this much pile up unsent is not reading: it is dropped rather than grow memory. */
export const SOCKET_BUFFER_MAX_BYTES = 8 * 1024 * 1024;
/** Protocol-level pings find dead TCP connections (laptop lid closed) so presence stays true. */
export const HEARTBEAT_INTERVAL_MS = 30_000;
/** Queue changes go to every agent at most this often, so a burst of arrivals is one frame. */
export const QUEUE_BROADCAST_MIN_INTERVAL_MS = 100;
/**
 * A queued conversation is sent to agents as `updated` at most once a second, and a visitor's
 * context is stored and pushed to the agents watching at most once a second (the latest one, at
 * the end of the second): a visitor sending 60 context frames a second costs each agent one
 * update a second, and the server one write (issue 13).
 */
export const QUEUE_UPDATE_MIN_INTERVAL_MS = 1000;
export const CONTEXT_PUSH_MIN_INTERVAL_MS = 1000;
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

/**
 * Photos (issue 16). A conversation holds at most 100 photos and 50 MB (a downscaled photo is
 * 0.3–0.8 MB; a support conversation needs a few), so one visitor cannot fill the server's disk.
 */
export const MEDIA_CONVERSATION_MAX_FILES = 100;
export const MEDIA_CONVERSATION_MAX_BYTES = 50 * 1024 * 1024;
/** Uploads per visitor (and per agent) per minute: a few photos in a row is normal, a stream is not. */
export const MEDIA_UPLOADS_PER_WINDOW = 12;
export const MEDIA_UPLOAD_WINDOW_MS = 60_000;
/** Downloads per visitor per minute (the panel shows each photo once per page). */
export const MEDIA_DOWNLOADS_PER_WINDOW = 120;
/** Photos are served with this private cache life: they never change (a new photo is a new id). */
export const MEDIA_CACHE_SECONDS = 24 * 60 * 60;

/**
 * Transcripts by e-mail (./transcripts.ts): the visitor chooses the recipient, so the server must
 * not become a way to mail strangers. One per conversation, and per hour at most this many per
 * visitor, per client address and per recipient address.
 */
export const TRANSCRIPTS_PER_VISITOR_PER_HOUR = 3;
export const TRANSCRIPTS_PER_ADDRESS_PER_HOUR = 10;
export const TRANSCRIPTS_PER_RECIPIENT_PER_HOUR = 3;
