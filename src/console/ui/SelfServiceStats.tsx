/**
 * The top bar's self-service line: how many conversations help articles avoided lately (the
 * server counts "That helped" answers given with no conversation open, minus the conversations
 * opened after one). Read on sign-in, every minute while the tab is visible, and when it comes
 * back; shown once there is something to count.
 */
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { SelfServiceStats as Stats } from '../../protocol/selfService';
import { selfServiceStats } from '../api';
import { text } from '../strings';

const REFRESH_MS = 60_000;

export function SelfServiceStats(): JSX.Element | null {
  const [stats, setStats] = useState<Stats | null>(null);
  useEffect(() => {
    let live = true;
    const read = () => {
      if (document.visibilityState !== 'hidden') void selfServiceStats().then((s) => live && s && setStats(s));
    };
    read();
    const timer = setInterval(read, REFRESH_MS);
    document.addEventListener('visibilitychange', read);
    return () => {
      live = false;
      clearInterval(timer);
      document.removeEventListener('visibilitychange', read);
    };
  }, []);
  if (!stats || stats.helped + stats.contactedAfterHelp === 0) return null;
  return (
    <span class="top-stat" data-testid="self-service-stats" data-avoided={stats.avoided} title={text.selfServiceStatsTitle}>
      {text.selfServiceStats(stats.avoided, stats.helped, stats.days)}
    </span>
  );
}
