/**
 * Every string of the agent console, and the few formatters that build sentences. English only:
 * the console is a tool for the site's own team (the visitor widget is the translated part).
 */
import type { ReplyVariable } from '../protocol/cannedReplies';
import type { ConversationStatus, ErrorCode } from '../protocol/chat';
import type { Consent, IdentityField, JourneyKind, SignalType } from '../protocol/context';
import { duration } from '../view/duration';

export const text = {
  product: 'Baton',

  // ---- photos (ui/Photos.tsx) ----
  photo: 'Photo',
  photoFrom: (who: string) => `Photo from ${who}`,
  photoOpen: (who: string) => `Open the photo from ${who}`,
  photoClose: 'Close',
  photoFull: 'Open full size',
  photoSend: 'Photo',
  photoUploads: 'Photos being sent',
  photoPreparing: 'Preparing photo…',
  photoSending: (pct: number) => `Sending photo… ${pct}%`,
  photoNotSent: 'Photo not sent',
  photoNotImage: 'this file is not a JPEG, PNG, WebP or GIF picture',
  photoTooLarge: 'this photo is too large',
  photoFailed: 'the photo could not be prepared',
  photoNetwork: 'the connection failed',

  // ---- calls (ui/CallBanner.tsx) ----
  callIncomingFrom: (name: string) => `Incoming call from ${name}`,
  callIncoming: 'Incoming call',
  callWrapUp: (name: string) => `Call with ${name}:`,
  callDone: 'Done',
  callRinging: 'Calling',
  callRingingFor: (t: string) => `ringing ${t}`,
  callAnswer: 'Answer',
  callDecline: 'Decline',
  callShow: 'Show',
  callConnecting: 'Connecting the call…',
  callWith: (name: string) => `On a call with ${name}`,
  callMute: 'Mute',
  callHangUp: 'Hang up',
  callVisitorMuted: 'the visitor muted their microphone',
  callEnded: (reason: string, duration: string) =>
    ({
      visitor_hangup: `The visitor hung up (${duration}).`,
      agent_hangup: `Call ended (${duration}).`,
      visitor_left: `The visitor’s connection was lost (${duration}).`,
      agent_left: `Your connection was lost (${duration}).`,
      network: 'The connection was lost; the call ended.',
      mic_denied: 'Your browser blocked the microphone: allow it for this site to take calls.',
      no_mic: 'No microphone found: connect one to take calls.',
      closed: 'The conversation was closed; the call ended.',
    })[reason] ?? `Call ended (${duration}).`,
  callAnnounce: (name: string) => `Incoming call from ${name}`,
  appTitle: 'Agent console',
  docTitle: (n: number) => (n > 0 ? `(${n}) Baton — Agent console` : 'Baton — Agent console'),

  // ---- login ----
  signInTitle: 'Sign in to the agent console',
  signInIntro: 'Answer your visitors with everything they have already told the site.',
  email: 'E-mail',
  password: 'Password',
  signIn: 'Sign in',
  signingIn: 'Signing in…',
  checkingSession: 'Checking your session…',
  wrongCredentials: 'Wrong e-mail or password.',
  tooManyAttempts: 'Too many attempts.',
  /** "Try again in 42 s." / "Try again in 15 min." */
  retryIn: (s: number) => `Try again in ${s < 60 ? `${s} s` : `${Math.ceil(s / 60)} min`}.`,
  retryLater: 'Try again in a moment.',
  networkError: 'Can’t reach the server. Check your connection and try again.',
  serverError: 'The server had a problem. Try again.',
  fillBoth: 'Enter your e-mail and password.',
  signedOut: 'You have been signed out.',
  sessionExpired: 'Your session has expired. Sign in again.',
  loginFoot: 'Running Baton locally? `npm start` prints a demo agent login.',

  // ---- top bar ----
  signOut: 'Sign out',
  sound: 'Sound',
  soundLabel: 'Play a sound for new conversations and messages',
  skipToConversation: 'Skip to the conversation',
  // ---- the console on a phone (ui/PaneBar.tsx) ----
  paneNav: 'Views',
  paneConversations: 'Conversations',
  paneConversation: 'Conversation',
  paneCustomer: 'Customer',
  enableNotifications: 'Enable desktop notifications',
  notificationsOn: 'Desktop notifications on',
  notificationsBlocked: 'Notifications blocked in the browser',
  online: 'Online',
  connecting: 'Connecting…',
  reconnecting: 'Reconnecting…',
  reconnectingIn: (s: number) => `Connection lost. Reconnecting in ${s} s…`,
  reconnectingNow: 'Connection lost. Reconnecting…',
  retryNow: 'Retry now',
  offlineSends: 'Messages you write now are sent when the connection is back.',

  // ---- sidebar ----
  conversationsNav: 'Conversations',
  queue: 'Queue',
  waitingSuffix: 'waiting',
  filter: 'Filter the queue',
  filterPlaceholder: 'Filter by name, e-mail, page or message',
  queueEmpty: 'No one is waiting. New conversations appear here.',
  queueNoMatch: 'No conversation in the queue matches the filter.',
  queueLoading: 'Loading the queue…',
  claim: 'Claim',
  claiming: 'Claiming…',
  visitor: 'Visitor',
  waiting: (d: string) => `waiting ${d}`,
  justArrived: 'just arrived',
  leftMessage: 'Left a message',
  missedCall: 'Missed call',
  missedCallNotice: 'The visitor called while nobody was online. Call them back or write to them here.',
  mine: 'My conversations',
  mineEmpty: 'Claim a conversation from the queue to start helping.',
  unreadSuffix: 'unread',
  closedTag: 'Closed',
  noMessagesYet: 'No messages yet',
  you: 'You',
  verifiedName: 'Name verified by the site',
  verifiedEmail: 'E-mail verified by the site',

  // ---- thread ----
  threadLabel: 'Conversation',
  pickOne: 'Pick a conversation',
  pickOneHelp: 'Select a conversation in the queue to preview it, or claim it to start replying.',
  loading: 'Loading the conversation…',
  status: {
    waiting: 'Waiting',
    active: 'Active',
    offline: 'Left a message',
    closed: 'Closed',
  } satisfies Record<ConversationStatus, string>,
  previewNotice: 'You are previewing this conversation. Claim it to reply.',
  handledBy: (name: string) => `${name} is handling this conversation.`,
  notInQueue: 'This conversation is no longer in the queue.',
  offlineNotice: (email: string | null) =>
    email ? `The visitor left a message and asked to be answered at ${email}.` : 'The visitor left a message while nobody was online.',
  closedNotice: 'This conversation is closed.',
  csatLine: (score: number) => `The visitor rated this conversation ${score} out of 5`,
  csatShort: (score: number) => `Rated ${score}/5`,

  // ---- reports (ui/Reports.tsx) ----
  reports: 'Reports',
  reportsTitle: 'Reports',
  reportsPeriod: 'Period',
  reportsDays: (n: number) => `${n} days`,
  reportsBack: 'Back to conversations',
  reportsLoading: 'Loading the reports…',
  reportsFailed: 'The reports could not be loaded. Try again in a moment.',
  reportsCsat: 'Satisfaction',
  reportsCsatSummary: (avg: number, n: number) => `Average ${avg} out of 5 from ${n} answer${n === 1 ? '' : 's'}.`,
  reportsNoCsat: 'No answers to the survey in this period yet.',
  reportsAnswers: 'Answers',
  reportsFirstResponse: 'First-response time',
  reportsFrtSummary: (min: number, n: number) => `Median ${min < 1 ? 'under a minute' : `${min} min`} over ${n} conversation${n === 1 ? '' : 's'} an agent answered (median per day below).`,
  reportsNoResponses: 'No conversation was answered by an agent in this period.',
  reportsMinutes: 'Minutes (median)',
  reportsVolume: 'Conversations per day, by channel',
  reportsVolumeSummary: (chats: number, calls: number) => `${chats} chat${chats === 1 ? '' : 's'} and ${calls} with a call.`,
  reportsChats: 'Chat',
  reportsCalls: 'Call',
  reportsMissed: 'Missed calls',
  reportsMissedSummary: (n: number) => (n ? `${n} call${n === 1 ? '' : 's'} nobody answered.` : 'Every call was answered.'),
  reportsMissedShort: 'Missed calls',
  reportsCallbacks: 'Callbacks kept',
  reportsCallbacksSummary: (kept: number, due: number) => `${kept} of ${due} callback${due === 1 ? '' : 's'} due were made.`,
  reportsNoCallbacks: 'No callbacks were due in these days: visitors book them from the widget when nobody can take a call.',
  reportsDue: 'Due',
  reportsKept: 'Kept',
  reportsDay: 'Day',
  reportsTruncated: 'This period has more conversations than one report reads: the oldest are left out.',
  closeNoteLabel: 'Closing note:',
  removeFromList: 'Remove from my list',
  closeConversation: 'Close conversation',
  loadEarlier: 'Load earlier messages',

  // ---- a person's conversations (ui/VisitorHistory.tsx), search and tags (ui/Search.tsx, ui/Tags.tsx) ----
  earlierConversations: 'Other conversations',
  earlierNone: 'No other conversations with this visitor.',
  earlierLoading: 'Looking for other conversations…',
  returning: (n: number) => `Returning visitor · ${n} other ${n === 1 ? 'conversation' : 'conversations'}`,
  thisOne: 'Shown now',
  noMessages: 'No messages',
  satisfaction: 'Satisfaction',
  tags: 'Tags',
  addTag: 'Add a tag',
  addTagButton: 'Add',
  removeTag: (tag: string) => `Remove the tag ${tag}`,
  search: 'Search',
  searchTitle: 'Search conversations',
  searchLabel: 'Words in messages, a visitor’s name, e-mail or id, a tag',
  searchPlaceholder: 'Search messages, visitors, tags',
  searchButton: 'Search',
  searchStatus: 'Status',
  searchAgent: 'Agent',
  searchTag: 'Tag',
  searchFrom: 'From',
  searchTo: 'To',
  anyStatus: 'Any status',
  anyAgent: 'Anyone',
  meAgent: 'Me',
  searching: 'Searching…',
  searchCount: (n: number) => (n === 0 ? 'No conversations found.' : n === 1 ? '1 conversation' : `${n} conversations`),
  matchedIn: { message: 'Message', visitor: 'Visitor', tag: 'Tag' } as Record<'message' | 'visitor' | 'tag', string>,
  backToQueue: 'Back to the queue',
  messages: 'Messages',
  sending: 'Sending…',
  sent: 'Sent',
  failed: 'Not sent',
  retry: 'Retry',
  discard: 'Discard',
  typing: (name: string) => `${name} is typing…`,
  today: 'Today',
  yesterday: 'Yesterday',
  systemSender: 'Baton',
  /** The label beside the site's bot's name on its messages and in the queue. */
  botBadge: 'Bot',
  /** Context: the proactive message the visitor accepted to open the chat (boot option `proactive`). */
  proactive: 'Proactive:',
  botSender: 'Bot',
  /** Queue: the site's bot is answering (no person needed yet; claiming stops it). */
  botAnswering: 'Bot answering',
  /** Queue: the bot handed the conversation over (the visitor asked, or the bot was not sure). */
  botHandedOver: 'The bot handed over',
  newMessageAnnounce: (name: string, t: string) => `New message from ${name}: ${t}`,
  newConversationAnnounce: (name: string) => `New conversation in the queue: ${name}`,
  notificationTitle: 'New conversation',
  notificationBody: (name: string, preview: string | null) => (preview ? `${name}: ${preview}` : `${name} is waiting`),

  // ---- composer ----
  composerLabel: 'Message',
  composerPlaceholder: (name: string) => `Reply to ${name}…`,
  composerHint: 'Enter to send · Shift+Enter for a new line · / for canned replies',

  // ---- internal notes (ui/Thread.tsx) ----
  composerMode: 'Write',
  modeReply: 'Reply',
  modeNote: 'Internal note',
  noteComposerLabel: 'Internal note',
  notePlaceholder: 'Write a note for your team. The visitor never sees it.',
  noteHint: 'Only your team sees notes · Enter to add',
  addNote: 'Add note',
  noteBy: (who: string) => `Internal note · ${who}`,

  // ---- transfer, presence (ui/TransferDialog.tsx, ui/PresenceSwitch.tsx) ----
  transfer: 'Transfer',
  transferTitle: 'Transfer the conversation',
  transferIntro: 'The messages, notes and context go with it. The visitor sees the new name.',
  transferTo: 'To',
  transferNote: 'Note for them (optional, only the team sees it)',
  transferNobody: 'No teammate is signed in right now.',
  transferredAnnounce: (name: string) => `Conversation transferred to ${name}`,
  transferLabel: (from: string, to: string) => `${from} transferred to ${to}`,
  presence: { online: 'Available', away: 'Away' } as Record<'online' | 'away', string>,
  yourPresence: 'Your status for the team',

  // ---- team admin (ui/TeamDialog.tsx) ----
  teamAdmin: 'Team',
  teamTitle: 'Your team',
  teamIntro: 'Admins add agents, change roles, disable accounts and reset passwords. A disabled agent is signed out at once.',
  teamAdd: 'Add an agent',
  teamName: 'Name',
  teamEmail: 'E-mail',
  teamPassword: 'Password (10 characters or more)',
  teamNewPassword: (name: string) => `New password for ${name}`,
  teamRole: 'Role',
  roles: { admin: 'Admin', agent: 'Agent' } as Record<'admin' | 'agent', string>,
  teamCreate: 'Add agent',
  teamDisable: 'Disable',
  teamEnable: 'Enable',
  teamResetPassword: 'Reset password',
  teamSetPassword: 'Set password',
  teamDisabled: 'Disabled',
  teamOnline: 'Signed in',
  teamYou: 'you',
  teamRoleOf: (name: string) => `Role of ${name}`,
  teamDisableConfirm: (name: string) => `Disable ${name}? They are signed out at once and their open conversations go back to the queue.`,
  teamFailed: 'That did not work. Try again.',
  teamPasswordSet: (name: string) => `Password changed for ${name}; their sessions ended.`,

  // ---- keyboard (ui/Keyboard.tsx) ----
  commandBar: 'Command bar',
  commandBarInput: 'Command or conversation',
  commandBarPlaceholder: 'Type a command or a visitor’s name…',
  commandNone: 'Nothing matches.',
  openConversationNamed: (name: string) => `Open ${name}`,
  shortcutsTitle: 'Keyboard shortcuts',
  shortcutsIntro: 'Single keys work when you are not typing (Esc leaves the message box).',
  or: 'or',
  commands: {
    palette: 'Open the command bar',
    next: 'Next conversation',
    previous: 'Previous conversation',
    claim: 'Claim (the one shown, else the oldest waiting)',
    reply: 'Write a reply',
    note: 'Write an internal note',
    transfer: 'Transfer the conversation',
    close: 'Close the conversation',
    away: 'Switch between available and away',
    replies: 'Manage canned replies',
    shortcuts: 'Show keyboard shortcuts',
  } as Record<import('./keyboard').Command, string>,

  // ---- canned replies (ui/CannedPicker.tsx, ui/RepliesDialog.tsx) ----
  replies: 'Replies',
  repliesTitle: 'Canned replies',
  repliesIntro: 'Type / in a reply to insert one. Variables are filled from the conversation.',
  cannedListLabel: 'Canned replies',
  cannedNone: (q: string) => `No canned reply matches /${q}.`,
  cannedNoneYet: 'No canned replies yet.',
  cannedKeys: '↑↓ to choose · Enter to insert · Esc to close',
  cannedMissing: (names: string[]) => `Not known here, left out: ${names.join(', ')}. Read the reply before sending.`,
  replyVariable: {
    'visitor.name': "the visitor's name",
    'visitor.firstName': "the visitor's first name",
    'visitor.email': "the visitor's e-mail",
    'agent.name': 'your name',
    'agent.firstName': 'your first name',
    'page.title': "the page's title",
    'page.url': "the page's address",
  } as Record<ReplyVariable, string>,
  manageReplies: 'Manage replies',
  replyTeam: 'Team',
  replyMine: 'Mine',
  replyTeamLong: 'The team (every agent can use it)',
  replyMineLong: 'Only me',
  replyWhose: 'Who uses it',
  replyShortcut: 'Shortcut',
  replyShortcutHelp: 'Letters, digits, - and _ (typed after /).',
  replyText: 'Text',
  replyVariablesHelp: 'Variables, with an optional fallback after a bar ({{visitor.firstName|there}}):',
  replyNew: 'New reply',
  replySave: 'Save reply',
  replyEdit: 'Edit',
  replyDelete: 'Delete',
  replyEditLabel: (s: string) => `Edit /${s}`,
  replyDeleteLabel: (s: string) => `Delete /${s}`,
  replyDeleteConfirm: (s: string) => `Delete the canned reply /${s}?`,
  replySaveFailed: 'The reply could not be saved. Try again.',

  send: 'Send',
  charCount: (n: number, max: number) => `${n.toLocaleString('en-US')} / ${max.toLocaleString('en-US')}`,
  tooLong: (over: number) => `${over.toLocaleString('en-US')} characters too long`,

  // ---- close dialog ----
  closeTitle: 'Close this conversation?',
  closeIntro: 'The visitor will see that the conversation has ended.',
  closeNote: 'Note for your team (optional)',
  cancel: 'Cancel',
  confirmClose: 'Close conversation',

  // ---- errors ----
  errors: {
    bad_json: 'The server could not read a request.',
    bad_frame: 'The server refused a request.',
    too_large: 'That was too large to send.',
    unknown_type: 'The server does not know that request.',
    not_ready: 'Still connecting. Try again in a moment.',
    forbidden: 'You can’t do that — another agent may already have this conversation.',
    not_found: 'That conversation no longer exists.',
    rate_limited: 'Slow down: too many requests. Try again in a moment.',
    server_error: 'The server had a problem. Try again.',
    unavailable: 'The server could not store that yet. Sending again…',
  } satisfies Record<ErrorCode, string>,
  offlineAction: 'You are offline. Try again when the connection is back.',
  dismiss: 'Dismiss',

  // ---- context panel ----
  contextLabel: 'Visitor context',
  contextEmpty: 'Select a conversation to see who you are talking to.',
  noContext: 'The visitor’s browser has not shared any context.',
  verified: 'Verified',
  unverified: 'Unverified',
  identity: 'Identity',
  anonymous: 'Not signed in on the site.',
  identityField: { id: 'Customer ID', name: 'Name', email: 'E-mail', phone: 'Phone' } satisfies Record<IdentityField, string>,
  currentPage: 'Current page',
  onPageFor: (d: string) => `on this page for ${d}`,
  timeOnPage: 'Time on page',
  referrer: 'Came from',
  untitled: 'Untitled page',
  journey: 'Journey',
  journeyHint: 'Latest first',
  noJourney: 'No pages recorded.',
  trimmed: (n: number) => `${n} older ${n === 1 ? 'page' : 'pages'} not shown`,
  journeyKind: { load: 'Opened', reload: 'Reloaded', back_forward: 'Back/forward', route: 'Navigated' } satisfies Record<JourneyKind, string>,
  now: 'now',
  ago: (d: string) => `${d} ago`,
  campaign: 'Campaign',
  landingPage: 'Landing page',
  noCampaign: 'No campaign.',
  device: 'Device',
  viewport: 'Window',
  screen: 'Screen',
  touch: 'Touch screen',
  timeZone: 'Time zone',
  language: 'Language',
  connection: 'Connection',
  isOnline: 'Online',
  isOffline: 'Offline',
  webView: 'In an app (web view)',
  yes: 'Yes',
  no: 'No',
  signals: 'Friction',
  selfService: 'Help articles read',
  helped: (h: boolean | null) => (h === true ? 'helped' : h === false ? 'still needed help' : 'read'),
  selfServiceStats: (avoided: number, helped: number, days: number) =>
    `Help articles avoided ${avoided} ${avoided === 1 ? 'conversation' : 'conversations'} (${helped} helped, last ${days} days)`,
  selfServiceStatsTitle:
    'Visitors who marked an article "That helped" with no conversation open, minus the conversations they still opened afterwards',
  noSignals: 'No friction noticed.',
  signalType: {
    rage_click: 'Rage clicks',
    error: 'Page error',
    unhandled_rejection: 'Unhandled promise rejection',
    form_invalid: 'Form not accepted',
  } satisfies Record<SignalType, string>,
  times: (n: number) => `×${n}`,
  timesLong: (n: number) => `${n} ${n === 1 ? 'time' : 'times'}`,
  on: 'on',
  custom: 'Custom fields',
  identityCustom: 'Account details',
  location: 'Location',
  noLocation: 'Not shared.',
  accuracy: (m: number) => `within ${m.toLocaleString('en-US')} m`,
  openMap: 'Open in OpenStreetMap',
  consent: 'Recording consent',
  consentState: { granted: 'Granted', pending: 'Not decided yet', denied: 'Denied' } satisfies Record<Consent, string>,
  consentHelp: {
    granted: 'The journey is recorded across pages.',
    pending: 'The site asked for consent; nothing is remembered until the visitor agrees.',
    denied: 'The visitor declined; only the current page is known.',
  } satisfies Record<Consent, string>,
  snapshotAt: (d: string) => `Updated ${d}`,
  openPage: 'Open the page in a new tab',
  localTime: (t: string) => `Local time ${t}`,
  dwell: (d: string) => `stayed ${d}`,
  coordinates: 'Coordinates',
  accuracyLabel: 'Accuracy',
  sharedAt: 'Shared',
};

/** One duration format for the widget and the console (src/view/duration.ts). */
export { duration };

/** "2 min ago", or "now" under 10 s. */
export function ago(ms: number): string {
  return ms < 10_000 ? text.now : text.ago(duration(ms));
}

/**
 * Times and dates as the agent's browser writes them (issue 18): 12- or 24-hour follows the agent's
 * locale, not a fixed one; the console's words stay English.
 */
const LOCALE = typeof navigator === 'undefined' ? 'en-GB' : navigator.language || 'en-GB';
const timeFmt = new Intl.DateTimeFormat(LOCALE, { hour: 'numeric', minute: '2-digit' });
const dayFmt = new Intl.DateTimeFormat(LOCALE, { weekday: 'short', day: 'numeric', month: 'short' });
const fullFmt = new Intl.DateTimeFormat(LOCALE, { dateStyle: 'medium', timeStyle: 'short' });

/** Formats a time, or a dash for one no Date can hold (Intl throws a RangeError on those: never break a view over a bad value). */
function formatTime(fmt: Intl.DateTimeFormat, at: number): string {
  return Number.isFinite(at) && Math.abs(at) <= 8.64e15 ? fmt.format(at) : '—';
}

/** "14:05" (en-GB), "2:05 PM" (en-US). */
export const clock = (at: number): string => formatTime(timeFmt, at);
/** "12 Mar 2025, 14:05" (for title attributes / datetime tooltips). */
export const fullTime = (at: number): string => formatTime(fullFmt, at);

/** "Today", "Yesterday" or "Wed 12 Mar". */
export function dayLabel(at: number, now: number): string {
  const d = new Date(at);
  const n = new Date(now);
  const start = (x: Date) => new Date(x.getFullYear(), x.getMonth(), x.getDate()).getTime();
  const diff = Math.round((start(n) - start(d)) / 86_400_000);
  if (diff === 0) return text.today;
  if (diff === 1) return text.yesterday;
  return formatTime(dayFmt, at);
}
