/** The console app: checks the session, shows the login screen or the workspace. */
import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { logout, me, type Agent } from './api';
import { Notifier } from './notify';
import { ConsoleStore } from './store';
import { shown, text } from './strings';
import { onLanguageChanged } from './ui/LanguageSelect';
import { Login } from './ui/Login';
import { Workspace } from './ui/Workspace';

export function App(): JSX.Element {
  const [agent, setAgent] = useState<Agent | null | 'checking'>('checking');
  const [notice, setNotice] = useState<string | null>(null);
  const [store, setStore] = useState<ConsoleStore | null>(null);
  const notifier = useRef<Notifier>(null as unknown as Notifier);
  notifier.current ??= new Notifier();
  // Another language: the views are made again in it (keyed below; the store and its socket stay).
  const [, setLang] = useState(shown.lang);
  useEffect(() => onLanguageChanged(() => setLang(shown.lang)), []);

  useEffect(() => {
    let gone = false;
    void me().then((r) => {
      if (gone) return;
      if (r === 'error') setNotice(text.networkError);
      setAgent(r === 'error' ? null : r);
    });
    // Audio may only start after a gesture: unlock it on the first one.
    const unlock = () => notifier.current.unlock();
    document.addEventListener('pointerdown', unlock, { once: true });
    document.addEventListener('keydown', unlock, { once: true });
    return () => {
      gone = true;
    };
  }, []);

  // One store (and one WebSocket) per signed-in session.
  useEffect(() => {
    if (!agent || agent === 'checking') return;
    const st = new ConsoleStore({
      notifier: notifier.current,
      checkAuth: async () => (await me()) !== null,
      onUnauthorized: () => {
        setNotice(text.sessionExpired);
        setAgent(null);
      },
    });
    setStore(st);
    st.start();
    return () => {
      st.stop();
      setStore(null);
    };
  }, [agent === 'checking' ? 'checking' : (agent?.id ?? null)]);

  if (agent === 'checking') {
    return (
      <main class="splash" aria-busy="true">
        <p role="status">{text.checkingSession}</p>
      </main>
    );
  }
  if (!agent) {
    return (
      <Login
        key={shown.lang}
        notice={notice}
        onSignedIn={(a) => {
          notifier.current.unlock();
          setNotice(null);
          setAgent(a);
        }}
      />
    );
  }
  if (!store) return <main class="splash" />;
  return (
    <Workspace
      key={shown.lang}
      agent={agent}
      store={store}
      notifier={notifier.current}
      onSignOut={async () => {
        store.stop();
        await logout();
        setNotice(text.signedOut);
        setAgent(null);
      }}
    />
  );
}
