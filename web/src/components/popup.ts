// A popup behind a button (the organization switcher, the user's menu, the Smart Services): it
// closes on Escape (focus back on its button) or on a click elsewhere.
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';

/** Closes a popup menu on Escape or a click elsewhere, and returns focus to its button. */
export function usePopup() {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [open]);
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && open) {
      setOpen(false);
      button.current?.focus();
    }
  };
  return { open, setOpen, root, button, onKeyDown };
}
