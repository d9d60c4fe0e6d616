/**
 * A console dialog's `<dialog>` wiring, shared by every modal (Transfer, Close, Team, Replies, the
 * command bar, the shortcuts, the photo viewer): shown modal when it mounts (focus moves in, the
 * page behind is inert), closed when it unmounts, and Escape (the `cancel` event) goes through the
 * caller's onClose, so the parent's state stays the one place that says whether it is open.
 * Spread the result on the element: `<dialog {...useModal(onClose)} class="modal">`.
 */
import type { JSX } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

export function useModal(onClose: () => void): {
  ref: { current: HTMLDialogElement | null };
  onClose: () => void;
  onCancel: (e: JSX.TargetedEvent<HTMLDialogElement, Event>) => void;
} {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (d && typeof d.showModal === 'function' && !d.open) d.showModal();
    return () => {
      if (d?.open) d.close();
    };
  }, []);
  return {
    ref,
    onClose,
    onCancel: (e) => {
      e.preventDefault();
      onClose();
    },
  };
}
