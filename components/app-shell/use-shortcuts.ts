'use client';

// Binds keyboard shortcuts for as long as a component is mounted: one keydown listener on the document
// that asks shortcuts.ts whether the key may act (not while typing, not with modifiers, not behind a
// dialog) and calls the handler bound to it. Handlers are read at key time, so they always see the
// component's latest state without re-binding the listener on every render.
import { useEffect, useRef } from 'react';

import { shortcutKey } from './shortcuts';

export type ShortcutHandlers = Partial<Record<string, (event: KeyboardEvent) => void>>;

export function useShortcuts(handlers: ShortcutHandlers, enabled = true): void {
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });
  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (event: KeyboardEvent) => {
      const key = shortcutKey(event);
      if (key === null) return;
      const handler = latest.current[key];
      if (!handler) return;
      handler(event);
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [enabled]);
}
