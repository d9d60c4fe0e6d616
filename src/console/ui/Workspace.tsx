/** The signed-in console: top bar, connection banner, the three columns, and the live region. */
import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Agent } from '../api';
import type { NotifyPermission, Notifier } from '../notify';
import { unreadCount } from '../state';
import type { ConsoleStore } from '../store';
import { text } from '../strings';
import { CallBanner } from './CallBanner';
import { Avatar, useNow, useStore } from './common';
import { ContextPanel } from './ContextPanel';
import { Icon } from './icons';
import { Brand } from './Login';
import { PaneBar, usePane } from './PaneBar';
import { SelfServiceStats } from './SelfServiceStats';
import { Reports } from './Reports';
import { Insights } from './Insights';
import { Sidebar } from './Sidebar';
import { Search } from './Search';
import { Keyboard } from './Keyboard';
import { TeamDialog } from './TeamDialog';
import { PresenceSwitch } from './PresenceSwitch';
import { MoreMenu } from './MoreMenu';
import { RepliesDialog } from './RepliesDialog';
import { LabelDialog } from './LabelDialog';
import { LanguageSelect } from './LanguageSelect';
import { Thread } from './Thread';
import { useTopBarFit } from './useTopBarFit';

/** An error alert clears itself after this long. */
const ERROR_SHOWN_MS = 10_000;

function ConnectionBanner({ store }: { store: ConsoleStore }): JSX.Element | null {
  const now = useNow(1000);
  const st = store.connection;
  if (st.state !== 'reconnecting' && !(st.state === 'connecting' && st.attempt > 0)) return null;
  const secs = st.state === 'reconnecting' ? Math.ceil((st.retryAt - now) / 1000) : 0;
  return (
    <div class="banner" role="status" data-testid="reconnecting">
      <span class="spin" aria-hidden="true" />
      <span>
        {secs > 0 ? text.reconnectingIn(secs) : text.reconnectingNow} <span class="muted">{text.offlineSends}</span>
      </span>
      <span class="grow" />
      {st.state === 'reconnecting' ? (
        <button type="button" class="btn small" onClick={() => store.retryNow()}>
          {text.retryNow}
        </button>
      ) : null}
    </div>
  );
}

function ErrorBanner({ store }: { store: ConsoleStore }): JSX.Element {
  const err = store.state.error;
  useEffect(() => {
    if (!err) return;
    const t = setTimeout(() => store.clearError(), ERROR_SHOWN_MS);
    return () => clearTimeout(t);
  }, [err]);
  return (
    <div role="alert" data-testid="error">
      {err ? (
        <div class="banner error">
          <Icon name="alert" />
          <span class="grow">{err.local ? err.message : text.errors[err.code]}</span>
          <button type="button" class="btn small" onClick={() => store.clearError()}>
            {text.dismiss}
          </button>
        </div>
      ) : null}
    </div>
  );
}

function NotificationsButton({ notifier }: { notifier: Notifier }): JSX.Element | null {
  const [perm, setPerm] = useState<NotifyPermission>(notifier.permission);
  if (perm === 'unsupported') return null;
  if (perm === 'granted') {
    return (
      <span class="top-btn bell-btn" data-testid="notifications-on" title={text.notificationsOn}>
        <Icon name="bell" />
        {text.notificationsOn}
      </span>
    );
  }
  if (perm === 'denied') {
    return (
      <span class="top-btn bell-btn muted-top" title={text.notificationsBlocked}>
        <Icon name="bell" />
        {text.notificationsBlocked}
      </span>
    );
  }
  return (
    <button type="button" class="top-btn bell-btn" data-testid="enable-notifications" title={text.enableNotifications} onClick={async () => setPerm(await notifier.requestPermission())}>
      <Icon name="bell" />
      {text.enableNotifications}
    </button>
  );
}

function SoundButton({ notifier }: { notifier: Notifier }): JSX.Element {
  const [on, setOn] = useState(notifier.soundOn);
  return (
    <button
      type="button"
      class="top-btn"
      aria-pressed={on ? 'true' : 'false'}
      title={text.soundLabel}
      data-testid="sound"
      onClick={() => {
        notifier.setSound(!on);
        setOn(!on);
        if (!on) notifier.chime('message');
      }}
    >
      <Icon name={on ? 'volume' : 'mute'} />
      {text.sound}
    </button>
  );
}

export function Workspace({
  agent,
  store,
  notifier,
  onSignOut,
}: {
  agent: Agent;
  store: ConsoleStore;
  notifier: Notifier;
  onSignOut(): void;
}): JSX.Element {
  useStore(store);
  const now = useNow(5000);
  /** The conversations (queue, thread, context), the Reports page (./Reports.tsx) or Insights (./Insights.tsx). */
  const [view, setView] = useState<'chats' | 'reports' | 'insights'>('chats');
  // The middle column: the conversation, or search (./Search.tsx); a result opens back in the conversation.
  const [searching, setSearching] = useState(false);
  const picked = store.state.selectedId;
  useEffect(() => setSearching(false), [picked]); // a conversation picked in the sidebar shows it
  const s = store.state;
  const me = s.agent ?? agent;
  const selected = s.selectedId ? s.conversations[s.selectedId] : undefined;
  const conn = store.connection.state;
  // On a phone, one column at a time (PaneBar); choosing a conversation in the list opens it.
  const [pane, setPane] = usePane(s.selectedId);
  const [managingReplies, setManagingReplies] = useState(false);
  const [managingTeam, setManagingTeam] = useState(false);
  const [makingLabel, setMakingLabel] = useState(false);
  const bar = useRef<HTMLElement>(null);
  useTopBarFit(bar, [s.role]);

  // Read when on screen: the selected conversation's messages, now and when the tab comes back.
  const selectedCount = selected?.messages.length ?? 0;
  useEffect(() => {
    const id = s.selectedId;
    if (!id) return;
    const mark = () => {
      if (!document.hidden) store.markRead(id);
    };
    mark();
    document.addEventListener('visibilitychange', mark);
    return () => document.removeEventListener('visibilitychange', mark);
    // Its status too: claiming makes it the agent's own, whose reading the visitor sees ("Seen").
  }, [s.selectedId, selectedCount, selected?.summary.status]);

  const unread = s.mine.reduce((n, id) => n + (s.conversations[id] ? unreadCount(s.conversations[id]!) : 0), 0);
  useEffect(() => {
    document.title = text.docTitle(s.queue.length + unread);
  }, [s.queue.length, unread]);

  return (
    <div class="ws">
      <a class="skip" href="#thread">
        {text.skipToConversation}
      </a>
      <header class="topbar" ref={bar}>
        <Brand sub={text.appTitle} />
        <span class={`conn${conn === 'open' ? '' : ' down'}`} data-testid="connection" data-state={conn}>
          <span class="dot" aria-hidden="true" />
          {conn === 'open' ? text.online : conn === 'reconnecting' ? text.reconnecting : text.connecting}
        </span>
        <span class="spacer" />
        <button type="button" class="top-btn search-btn" data-testid="open-search" title={text.search} aria-pressed={searching} onClick={() => setSearching(!searching)}>
          <Icon name="search" />
          {text.search}
        </button>
        <SelfServiceStats />
        <button type="button" class="top-btn" data-testid="open-reports" title={text.reports} aria-pressed={view === 'reports'} onClick={() => setView(view === 'reports' ? 'chats' : 'reports')}>
          <Icon name="chart" />
          {text.reports}
        </button>
        <button type="button" class="top-btn" data-testid="open-insights" title={text.insights} aria-pressed={view === 'insights'} onClick={() => setView(view === 'insights' ? 'chats' : 'insights')}>
          <Icon name="insight" />
          {text.insights}
        </button>
        <button type="button" class="top-btn desk-extra" data-testid="open-replies" title={text.replies} onClick={() => setManagingReplies(true)}>
          <Icon name="chat" />
          {text.replies}
        </button>
        {s.role === 'admin' ? (
          <button type="button" class="top-btn desk-extra" data-testid="open-team" title={text.teamAdmin} onClick={() => setManagingTeam(true)}>
            <Icon name="users" />
            {text.teamAdmin}
          </button>
        ) : null}
        {s.role === 'admin' ? (
          <button type="button" class="top-btn desk-extra" data-testid="open-label" title={text.labelOpen} aria-label={text.labelOpen} onClick={() => setMakingLabel(true)}>
            <Icon name="qr" />
          </button>
        ) : null}
        <NotificationsButton notifier={notifier} />
        <SoundButton notifier={notifier} />
        <PresenceSwitch store={store} />
        <MoreMenu
          store={store}
          presence={store.state.team.find((a) => a.id === me.id)?.presence ?? 'online'}
          admin={s.role === 'admin'}
          onReplies={() => setManagingReplies(true)}
          onTeam={() => setManagingTeam(true)}
          onSignOut={onSignOut}
        />
        <LanguageSelect id="console-language" class="desk-extra" />
        <span class="me" data-testid="me">
          <Avatar name={me.name} seed={me.id} size="sm" />
          <span class="me-name">{me.name}</span>
        </span>
        <button type="button" class="top-btn desk-extra" data-testid="sign-out" title={text.signOut} onClick={onSignOut}>
          <Icon name="logout" />
          {text.signOut}
        </button>
      </header>
      <div>
        <ConnectionBanner store={store} />
        <ErrorBanner store={store} />
        <CallBanner store={store} />
        {/* Reports and Insights are one column of their own: no conversation/customer panes to move between. */}
        {view !== 'chats' ? null : <PaneBar pane={pane} setPane={setPane} />}
      </div>
      {view === 'reports' ? (
        <Reports onClose={() => setView('chats')} />
      ) : view === 'insights' ? (
        <Insights
          onClose={() => setView('chats')}
          onOpen={(id) => {
            setView('chats');
            setPane('thread');
            store.openById(id);
          }}
        />
      ) : (
        <div class="cols" data-pane={pane} onClickCapture={(e) => (e.target as Element).closest?.('.qopen') && setPane('thread')}>
          <Sidebar store={store} now={now} />
          {searching ? <Search store={store} now={now} onOpen={() => setSearching(false)} /> : <Thread store={store} now={now} />}
          <ContextPanel c={selected} now={now} store={store} />
        </div>
      )}
      {view !== 'chats' ? null : <Keyboard store={store} openReplies={() => setManagingReplies(true)} />}
      {managingTeam ? <TeamDialog store={store} onClose={() => setManagingTeam(false)} /> : null}
      {makingLabel ? <LabelDialog onClose={() => setMakingLabel(false)} /> : null}
      {managingReplies ? <RepliesDialog replies={store.replies} onClose={() => setManagingReplies(false)} /> : null}
      <div class="sr-only" aria-live="polite" data-testid="announcer">
        {store.announcement.text ? <p key={store.announcement.n}>{store.announcement.text}</p> : null}
      </div>
    </div>
  );
}
