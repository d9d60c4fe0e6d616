import type { BatonSession } from '../../core/session';
import type { ContextSnapshot } from '../../protocol/context';
import type { launcherText } from '../i18n';
import type { PanelText } from './strings';

/** Every string the panel shows: the launcher's and the panel's own, in the visitor's language. */
export type Text = PanelText & (typeof launcherText)['en'];

/** What each of the panel's views gets. */
export interface ViewProps {
  t: Text;
  snap: ContextSnapshot;
  session: BatonSession;
}
