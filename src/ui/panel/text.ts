import type { BatonSession } from '../../core/session';
import type { ContextSnapshot } from '../../protocol/context';
import type { Text } from '../locales/catalog';

/** Every string the panel shows, in the visitor's language (../locales/catalog.ts). */
export type { Text };

/** What each of the panel's views gets. */
export interface ViewProps {
  t: Text;
  snap: ContextSnapshot;
  session: BatonSession;
}
