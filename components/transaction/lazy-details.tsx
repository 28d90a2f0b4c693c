'use client';

// A <details> whose content is built only when it is opened, on pages reached by client navigation:
// moving to the next item renders the page from the prefetched data, and the folded tables (every
// feature, every day) are a quarter of its elements, so they wait until asked for. The server render
// and hydration include them (the page works without JavaScript, and the HTML and the first client
// render must match), so only client navigations skip them.
import { useState, useSyncExternalStore, type ReactNode } from 'react';

const noSubscription = () => () => undefined;

export function LazyDetails({
  summary,
  summaryClassName,
  className,
  children,
}: {
  summary: ReactNode;
  summaryClassName?: string;
  className?: string;
  children: ReactNode;
}) {
  const [opened, setOpened] = useState(false);
  // True while rendering on the server and hydrating, false for a render that starts in the browser.
  const fromServer = useSyncExternalStore(
    noSubscription,
    () => false,
    () => true,
  );
  return (
    <details
      className={className}
      onToggle={(event) => {
        if (event.currentTarget.open) setOpened(true);
      }}
    >
      <summary className={summaryClassName}>{summary}</summary>
      {opened || fromServer ? children : null}
    </details>
  );
}
