/**
 * Every string of the agent console in English, the reference catalog (issue 18), and the
 * formatters of times, dates and durations in the agent's language.
 *
 * Views read `text.key` (a string or a table) or call `text.key(args)` (a sentence with values) at
 * render time: `text` is the catalog of the language the agent reads, English until
 * ./language.ts lays another one on it (`useCatalog`). The other languages are ./locales/<code>.ts,
 * each a lazy chunk of the console with exactly English's keys and functions of the same
 * arguments (tests/unit/console-i18n.test.ts). Adding a string: add it here as a plain entry;
 * plurals through `p(n, { one, other })`, numbers through `num(n)` (./locales/format.ts), never
 * `n === 1 ? … : …s` (Slavic languages have four forms, Arabic six); then the same key in every
 * ./locales/<code>.ts (the pseudo-locale ./locales/pseudo.ts follows by itself).
 */
import type { ReplyVariable } from '../protocol/cannedReplies';
import type { ConversationStatus, ErrorCode } from '../protocol/chat';
import type { Consent, IdentityField, JourneyKind, SignalType } from '../protocol/context';
import { CONTEXT_LABELS_EN, type ContextLabels } from '../view/contextFields';
import { duration as durationIn } from '../view/duration';
import { formats } from './locales/format';

const { p, num } = formats('en');

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
  callDialing: (name: string) => `Calling ${name}… their browser rings`,
  // ---- callbacks (ui/Callbacks.tsx) ----
  callbackRingBrowser: 'The visitor is on the site: this rings their browser',
  callWith: (name: string) => `On a call with ${name}`,
  callMute: 'Mute',
  callHangUp: 'Hang up',
  callVisitorMuted: 'the visitor muted their microphone',
  scannedCode: 'Scanned code',
  // ---- video in a call (ui/CallVideo.tsx, issue 19) ----
  callCamera: 'Camera',
  callCameraOn: 'Your camera is on',
  callCameraStarting: 'Starting your camera…',
  callCameraBlocked: 'Your browser blocked the camera: allow it for this site.',
  callCameraUnavailable: 'No camera available (none found, or another app is using it).',
  callVisitorVideo: (name: string) => `${name}’s camera`,
  callYourPreview: 'Your camera (preview)',
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
      declined: 'The visitor declined the call.',
      no_answer: 'The visitor did not answer.',
      visitor_offline: 'The visitor is no longer on the site: call their number instead.',
    })[reason] ?? `Call ended (${duration}).`,
  callAnnounce: (name: string) => `Incoming call from ${name}`,
  appTitle: 'Agent console',
  docTitle: (n: number) => (n > 0 ? `(${num(n)}) Baton — Agent console` : 'Baton — Agent console'),

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
  retryIn: (s: number) => `Try again in ${s < 60 ? `${num(s)} s` : `${num(Math.ceil(s / 60))} min`}.`,
  retryLater: 'Try again in a moment.',
  networkError: 'Can’t reach the server. Check your connection and try again.',
  serverError: 'The server had a problem. Try again.',
  fillBoth: 'Enter your e-mail and password.',
  signedOut: 'You have been signed out.',
  sessionExpired: 'Your session has expired. Sign in again.',
  loginFoot: 'Running Baton locally? `npm start` prints a demo agent login.',

  // ---- top bar ----
  signOut: 'Sign out',
  /** The language select (ui/LanguageSelect.tsx, issue 18). */
  consoleLanguage: 'Console language',
  languageFailed: 'That language could not be loaded. Check your connection and try again.',
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
  reconnectingIn: (s: number) => `Connection lost. Reconnecting in ${num(s)} s…`,
  reconnectingNow: 'Connection lost. Reconnecting…',
  retryNow: 'Retry now',
  offlineSends: 'Messages you write now are sent when the connection is back.',

  // ---- sidebar ----
  conversationsNav: 'Conversations',
  queue: 'Queue',
  waitingSuffix: 'waiting',
  filter: 'Filter the queue',
  filterPlaceholder: 'Filter by name, e-mail, page or message',
  skillFilter: 'Filter by skill',
  allSkills: 'All skills',
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
  csatLine: (score: number) => `The visitor rated this conversation ${num(score)} out of 5`,
  csatShort: (score: number) => `Rated ${num(score)}/5`,

  // ---- reports (ui/Reports.tsx) ----
  reports: 'Reports',
  reportsTitle: 'Reports',
  reportsPeriod: 'Period',
  reportsDays: (n: number) => p(n, { one: '{n} day', other: '{n} days' }),
  reportsBack: 'Back to conversations',
  reportsLoading: 'Loading the reports…',
  reportsFailed: 'The reports could not be loaded. Try again in a moment.',
  reportsCsat: 'Satisfaction',
  reportsCsatSummary: (avg: number, n: number) => `Average ${num(avg)} out of 5 from ${p(n, { one: '{n} answer', other: '{n} answers' })}.`,
  reportsNoCsat: 'No answers to the survey in this period yet.',
  reportsAnswers: 'Answers',
  reportsFirstResponse: 'First-response time',
  reportsFrtSummary: (min: number, n: number) =>
    `Median ${min < 1 ? 'under a minute' : `${num(min)} min`} over ${p(n, { one: '{n} conversation', other: '{n} conversations' })} an agent answered (median per day below).`,
  reportsNoResponses: 'No conversation was answered by an agent in this period.',
  reportsMinutes: 'Minutes (median)',
  reportsVolume: 'Conversations per day, by channel',
  reportsVolumeSummary: (chats: number, calls: number) => `${p(chats, { one: '{n} chat', other: '{n} chats' })} and ${num(calls)} with a call.`,
  reportsChats: 'Chat',
  reportsCalls: 'Call',
  reportsMissed: 'Missed calls',
  reportsMissedSummary: (n: number) => (n ? p(n, { one: '{n} call nobody answered.', other: '{n} calls nobody answered.' }) : 'Every call was answered.'),
  reportsMissedShort: 'Missed calls',
  reportsCallbacks: 'Callbacks kept',
  reportsCallbacksSummary: (kept: number, due: number) => `${num(kept)} of ${p(due, { one: '{n} callback', other: '{n} callbacks' })} due were made.`,
  reportsNoCallbacks: 'No callbacks were due in these days: visitors book them from the widget when nobody can take a call.',
  reportsDue: 'Due',
  reportsKept: 'Kept',
  reportsDay: 'Day',
  reportsTruncated: 'This period has more conversations than one report reads: the oldest are left out.',

  // ---- insights (ui/Insights.tsx) ----
  insights: 'Insights',
  insightsTitle: 'Insights',
  insightsChannel: 'Channel',
  insightsChannels: { all: 'All', chat: 'Chat', call: 'Calls' } as Record<'all' | 'chat' | 'call', string>,
  insightsCsv: 'Download CSV',
  insightsLoading: 'Loading the insights…',
  insightsFailed: 'The insights could not be loaded. Try again in a moment.',
  insightsTotal: (n: number, previous: number) => `${p(n, { one: '{n} contact', other: '{n} contacts' })} in these days; ${num(previous)} in as many days before.`,
  insightsConsent: 'Counted from the context visitors agreed to share; visitors who declined are left out.',
  insightsSections: {
    page: 'Pages visitors were on when they asked',
    rage_click: 'Rage clicks before contacting',
    error: 'Errors before contacting',
    form_invalid: 'Blocked form submits',
    campaign: 'Campaigns',
    click_id: 'Ad clicks',
    entry: 'Entry points',
    article: 'Help articles read before contacting anyway',
  } as Record<string, string>,
  insightsDriver: {
    page: 'Page',
    rage_click: 'Element (page)',
    error: 'Error (page)',
    form_invalid: 'Form: fields (page)',
    campaign: 'Source / medium / campaign',
    click_id: 'Click id',
    entry: 'Entry point',
    article: 'Article',
  } as Record<string, string>,
  insightsTop: (key: string, pct: string) => `Top: ${key}, ${pct} of contacts.`,
  insightsNone: 'Nothing in these days.',
  insightsRank: 'Rank',
  insightsContacts: 'Contacts',
  insightsShare: 'Share',
  insightsChange: 'Change',
  insightsChangeValue: (n: number) => (n > 0 ? `+${num(n)}` : n < 0 ? `−${num(-n)}` : num(0)),
  insightsChangeLabel: (n: number) => (n > 0 ? `${num(n)} more than the days before` : n < 0 ? `${num(-n)} fewer than the days before` : 'as many as the days before'),
  insightsCsat: 'Satisfaction',
  insightsCsatValue: (avg: number, n: number) => `${num(avg)}/5 (${num(n)})`,
  insightsResolution: 'Time to resolution',
  insightsExamples: 'Examples',
  insightsExample: (i: number, key: string) => `Open example conversation ${num(i)} for ${key}`,
  insightsTableOf: (title: string) => `${title}: the numbers`,
  insightsSurveys: 'Micro-surveys, by the page they were asked on',
  insightsSurveyTop: (question: string, path: string, result: string) => `Most answered: “${question}” on ${path}: ${result}.`,
  insightsSurveyQuestion: 'Question',
  insightsSurveyAnswers: 'Answers',
  insightsSurveyResult: 'Result',
  insightsSurveyPoor: 'Poor answers',
  insightsSurveyMean: (avg: number) => `${num(avg)} out of 5 on average`,
  insightsSurveyYes: (share: string) => `${share} yes`,
  insightsEntry: (key: string) =>
    key.startsWith('proactive:') ? `Proactive: ${key.slice(10)}` : key.startsWith('qr:') ? `Scanned ${key.slice(3).replace(':', ' label: ')}${key.split(':').length < 3 ? ' labels' : ''}` : key,
  closeNoteLabel: 'Closing note:',
  removeFromList: 'Remove from my list',
  closeConversation: 'Close conversation',
  loadEarlier: 'Load earlier messages',

  // ---- a person's conversations (ui/VisitorHistory.tsx), search and tags (ui/Search.tsx, ui/Tags.tsx) ----
  earlierConversations: 'Other conversations',
  earlierNone: 'No other conversations with this visitor.',
  earlierLoading: 'Looking for other conversations…',
  returning: (n: number) => `Returning visitor · ${p(n, { one: '{n} other conversation', other: '{n} other conversations' })}`,
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
  searchCount: (n: number) => (n === 0 ? 'No conversations found.' : p(n, { one: '{n} conversation', other: '{n} conversations' })),
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
  transferredToQueueAnnounce: (skill: string) => `Conversation sent to the ${skill} queue`,
  assignedAnnounce: (name: string) => `Conversation with ${name} assigned to you`,
  assignedTitle: 'A conversation for you',
  transferLabel: (from: string, to: string) => `${from} transferred to ${to}`,
  transferQueueLabel: (from: string, skill: string) => `${from} sent this to the ${skill} queue`,
  transferTeammates: 'A teammate',
  transferQueues: 'A skill’s queue',
  transferQueueHint: 'Back to the queue: whoever has this skill takes it.',
  transferQueueAvailable: (n: number) => (n === 0 ? 'nobody available' : `${num(n)} available`),
  transferChoose: 'Choose a teammate or a queue.',
  presence: { online: 'Available', away: 'Away' } as Record<'online' | 'away', string>,
  yourPresence: 'Your status for the team',
  /** The phone's top-bar menu (ui/MoreMenu.tsx): status, replies, team, sign out. */
  more: 'More',

  // ---- QR labels (ui/LabelDialog.tsx, issue 19) ----
  /** Why a scanned code is unverified (the context's entry.unverified), under its rows. */
  entryWhy: {
    unsigned: 'The code carries no signature: anyone could have made it.',
    expired: 'The code’s signature has expired.',
    invalid: 'The signature does not match: the code was altered, or signed with another secret.',
  } as Record<'unsigned' | 'expired' | 'invalid', string>,
  labelOpen: 'Make a QR label',
  labelTitle: 'Make a QR label',
  labelIntro: 'A code for a product label, an invoice, a parcel or a shelf. Scanned with a phone, it opens the page with the chat about it; agents see what was scanned, verified by this server’s signature.',
  labelPage: 'Page it opens',
  labelKind: 'Kind',
  labelKinds: { product: 'Product', order: 'Order', parcel: 'Parcel', store: 'Store', device: 'Device', free: 'Other' } as Record<'product' | 'order' | 'parcel' | 'store' | 'device' | 'free', string>,
  labelText: 'Label people read',
  labelFieldName: 'Field (e.g. sku, order)',
  labelFieldValue: 'Value',
  labelDays: 'Verified for (days, empty: no end)',
  labelMake: 'Make the code',
  labelFailed: 'Couldn’t make the label. Check your connection and try again.',
  labelCode: (label: string) => `QR code: ${label}`,
  labelDownload: 'Download SVG',
  labelLink: 'Link in the code',
  labelExpires: (date: string) => `Verified until ${date}`,

  // ---- team admin (ui/TeamDialog.tsx, ui/TeamRouting.tsx) ----
  teamSkills: 'Skills',
  teamSkillsPlaceholder: 'any (e.g. billing, returns)',
  teamCapacity: 'Chats at once',
  teamCapacityDefault: 'default',
  teamSaveRouting: 'Save',
  teamAdmin: 'Team',
  teamTitle: 'Your team',
  teamIntro: 'Admins add agents, change roles and skills, disable accounts and reset passwords. A disabled agent is signed out at once. Skills route transfers and automatic assignment; chats at once caps what assignment gives.',
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
  replyEditLabel: (shortcut: string) => `Edit /${shortcut}`,
  replyDeleteLabel: (shortcut: string) => `Delete /${shortcut}`,
  replyDeleteConfirm: (shortcut: string) => `Delete the canned reply /${shortcut}?`,
  replySaveFailed: 'The reply could not be saved. Try again.',

  send: 'Send',
  charCount: (n: number, max: number) => `${num(n)} / ${num(max)}`,
  tooLong: (over: number) => p(over, { one: '{n} character too long', other: '{n} characters too long' }),

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
  trimmed: (n: number) => p(n, { one: '{n} older page not shown', other: '{n} older pages not shown' }),
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
  helped: (h: boolean | null): string => (h === true ? 'helped' : h === false ? 'still needed help' : 'read'),
  selfServiceStats: (avoided: number, helped: number, days: number) =>
    `Help articles avoided ${p(avoided, { one: '{n} conversation', other: '{n} conversations' })} (${num(helped)} helped, ${p(days, { one: 'last day', other: 'last {n} days' })})`,
  selfServiceStatsTitle:
    'Visitors who marked an article "That helped" with no conversation open, minus the conversations they still opened afterwards',
  noSignals: 'No friction noticed.',
  signalType: {
    rage_click: 'Rage clicks',
    error: 'Page error',
    unhandled_rejection: 'Unhandled promise rejection',
    form_invalid: 'Form not accepted',
  } satisfies Record<SignalType, string>,
  times: (n: number) => `×${num(n)}`,
  timesLong: (n: number) => p(n, { one: '{n} time', other: '{n} times' }),
  on: 'on',
  custom: 'Custom fields',
  identityCustom: 'Account details',
  location: 'Location',
  noLocation: 'Not shared.',
  accuracy: (m: number) => `within ${num(m)} m`,
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
  /** The visitor's preferred channel (context `preferences`, issue 15), under their name. */
  prefers: { chat: 'Prefers chat', call: 'Prefers a web call', callback: 'Prefers a callback', phone: 'Prefers the phone line', email: 'Prefers a reply by e-mail' },
  dwell: (d: string) => `stayed ${d}`,
  coordinates: 'Coordinates',
  accuracyLabel: 'Accuracy',
  sharedAt: 'Shared',
  // ---- callbacks in the sidebar (ui/Callbacks.tsx, issue 15) ----
  callbacks: {
    title: 'Callbacks',
    none: 'No callback booked.',
    due: 'Due now',
    dueAt: (t: string) => `at ${t}`,
    reminder: (who: string, phone: string) => `Callback due now: ${who}, ${phone}`,
    anonymous: 'Visitor',
    online: 'on the site now',
    callNow: 'Call now',
    open: 'Open',
    done: 'Done',
    noAnswer: 'No answer',
    move: 'Move to',
    moveLabel: (who: string) => `Move the callback with ${who} to`,
    failed: 'That did not work; try again.',
    status: { done: 'Done', no_answer: 'No answer', cancelled: 'Cancelled by the visitor', booked: 'Booked' } as Record<string, string>,
  },
  // ---- the phone line's code in the sidebar (ui/PhoneLookup.tsx) ----
  phoneCode: {
    title: 'Phone code',
    label: 'Code the caller reads out',
    lookUp: 'Look up',
    looking: 'Looking up…',
    notFound: 'No such code: wrong, expired (10 minutes) or already used.',
    malformed: 'A code is 6 digits.',
    failed: 'The lookup failed; try again.',
    tooMany: (s: number) => `Too many lookups; try again in ${num(s)} s.`,
    caller: 'Caller',
    anonymous: 'Anonymous visitor',
    page: 'On page',
    skill: 'Asked for',
    open: 'Open conversation',
    verified: 'verified',
    unverified: 'unverified',
  },
  /** The context panel's rows (src/view/contextFields.ts, shared with the widget's "What the agent sees"). */
  context: CONTEXT_LABELS_EN as ContextLabels,
};

/** A console catalog: English's keys and tables, and functions of the same arguments. */
export type ConsoleText = typeof text;

type Table = { [key: string]: unknown };
const isTable = (v: unknown): v is Table => typeof v === 'object' && v !== null;
/** A copy of `from`'s tables, so laying a language on `text` never writes into English. */
const copy = (from: Table): Table => Object.fromEntries(Object.entries(from).map(([k, v]) => [k, isTable(v) ? copy(v) : v]));
/**
 * Lays `from` on `into` in place, tables included: a view may keep a table of `text`
 * (`const say = text.callbacks`) and still read the shown language.
 */
function lay(into: Table, from: Table): void {
  for (const [k, v] of Object.entries(from)) {
    const here = into[k];
    if (isTable(v) && isTable(here)) lay(here, v);
    else into[k] = v;
  }
}

/** English as written above, kept to come back to after another language (and the pseudo-locale's source). */
export const english = copy(text) as ConsoleText;

/** The language the console shows ('sk'), the locale its dates and numbers follow ('sk-SK', 'en-GB'), the direction. */
export const shown = { lang: 'en', locale: 'en', dir: 'ltr' as 'ltr' | 'rtl' };

let timeFmt!: Intl.DateTimeFormat;
let dayFmt!: Intl.DateTimeFormat;
let fullFmt!: Intl.DateTimeFormat;
let dateFmt!: Intl.DateTimeFormat;

/**
 * Shows `catalog` (English when none) in `locale`: the words, and times and dates through Intl, so
 * 12- or 24-hour follows the agent's locale ('en-US' 2:05 PM, 'en-GB' and 'sk' 14:05). Views read
 * `text` at render time: ./language.ts renders them again after this.
 */
export function useCatalog(lang: string, locale: string, catalog: ConsoleText | null, dir: 'ltr' | 'rtl' = 'ltr'): void {
  lay(text, (catalog ?? english) as unknown as Table);
  Object.assign(shown, { lang, locale, dir });
  timeFmt = new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit' });
  dayFmt = new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'short' });
  fullFmt = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  dateFmt = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
}
useCatalog('en', typeof navigator === 'undefined' ? 'en-GB' : navigator.language || 'en-GB', null);

/**
 * "35 s", "2 min", "1 h 5 min" (src/view/duration.ts, the widget's too) in English; in another
 * language Intl's units ("2 Min.", "2分钟", "2 د").
 */
export const duration = (ms: number): string => durationIn(ms, shown.locale);

/** "2 min ago", or "now" under 10 s. */
export function ago(ms: number): string {
  return ms < 10_000 ? text.now : text.ago(duration(ms));
}

/** Formats a time, or a dash for one no Date can hold (Intl throws a RangeError on those: never break a view over a bad value). */
function formatTime(fmt: Intl.DateTimeFormat, at: number): string {
  return Number.isFinite(at) && Math.abs(at) <= 8.64e15 ? fmt.format(at) : '—';
}

/** "14:05" (en-GB), "2:05 PM" (en-US). */
export const clock = (at: number): string => formatTime(timeFmt, at);
/** "12 Mar 2025, 14:05" (for title attributes / datetime tooltips). */
export const fullTime = (at: number): string => formatTime(fullFmt, at);
/** "12 Mar 2025". */
export const dateOnly = (at: number): string => formatTime(dateFmt, at);
/** "Wed 12 Mar". */
export const shortDay = (at: number): string => formatTime(dayFmt, at);

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
