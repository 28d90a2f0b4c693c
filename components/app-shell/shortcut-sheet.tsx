'use client';

// The keyboard shortcut sheet: `?` (or the header's button) opens a modal dialog listing every
// shortcut from shortcuts.ts. A native <dialog> shown with showModal(): the rest of the page is inert,
// Esc closes it, and Tab is kept inside it; on close, focus goes back to where it was.
import { useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { flushSync } from 'react-dom';

import { SHORTCUT_GROUPS } from './shortcuts';
import { useShortcuts } from './use-shortcuts';

const groupId = (title: string): string => `shortcuts-${title.toLowerCase().replace(/[^a-z]+/g, '-')}`;

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), [tabindex]:not([tabindex="-1"])';

function Keys({ keys }: { keys: string[] }) {
  return (
    <span className="flex shrink-0 items-center gap-1">
      {keys.map((k, i) => (
        <span key={k} className="flex items-center gap-1">
          {i > 0 ? (
            <span className="text-xs text-gray-500">
              <span aria-hidden="true">/</span>
              <span className="sr-only">or</span>
            </span>
          ) : null}
          <kbd className="inline-flex h-6 min-w-[1.5rem] items-center justify-center rounded border border-gray-300 bg-gray-50 px-1.5 font-mono text-xs font-semibold text-gray-800 shadow-[0_1px_0_rgba(0,0,0,0.08)]">
            {k}
          </kbd>
        </span>
      ))}
    </span>
  );
}

export function ShortcutSheet() {
  const dialog = useRef<HTMLDialogElement>(null);
  const returnTo = useRef<HTMLElement | null>(null);
  // The list is only in the page while it is shown: closed, it would add a second "Transaction page"
  // and every key name to what labels and searches on the page find.
  const [shown, setShown] = useState(false);

  const open = () => {
    const d = dialog.current;
    if (!d || d.open) return;
    returnTo.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    flushSync(() => setShown(true));
    d.showModal();
    d.querySelector<HTMLElement>('[data-autofocus]')?.focus();
  };
  const close = () => dialog.current?.close();

  useShortcuts({
    '?': (event) => {
      event.preventDefault();
      open();
    },
  });

  // A modal dialog already makes the page inert; this keeps Tab from leaving for the browser's UI.
  const trapTab = (event: ReactKeyboardEvent<HTMLDialogElement>) => {
    if (event.key !== 'Tab' || !dialog.current) return;
    const items = [...dialog.current.querySelectorAll<HTMLElement>(FOCUSABLE)];
    const first = items[0];
    const last = items[items.length - 1];
    if (!first || !last) return;
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

  return (
    <>
      <button
        type="button"
        onClick={open}
        aria-haspopup="dialog"
        aria-keyshortcuts="?"
        className="inline-flex h-8 items-center gap-1.5 rounded-md px-2 text-sm font-medium text-gray-600 hover:bg-gray-100 hover:text-gray-900 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600"
      >
        <span className="sr-only">Keyboard shortcuts</span>
        <kbd
          aria-hidden="true"
          className="inline-flex h-5 min-w-[1.25rem] items-center justify-center rounded border border-gray-300 bg-gray-50 px-1 font-mono text-xs font-semibold text-gray-700"
        >
          ?
        </kbd>
        <span aria-hidden="true" className="hidden xl:inline">
          Shortcuts
        </span>
      </button>
      <dialog
        ref={dialog}
        aria-labelledby="shortcut-sheet-title"
        onKeyDown={trapTab}
        onClose={() => {
          setShown(false);
          returnTo.current?.focus();
        }}
        // A click on the backdrop lands on the dialog element itself: close, as Esc does.
        onClick={(event) => {
          if (event.target === dialog.current) close();
        }}
        className="w-full max-w-2xl rounded-xl border border-gray-200 bg-white p-0 text-gray-900 shadow-xl backdrop:bg-gray-900/40"
      >
        {shown ? (
          <div className="px-6 pb-5 pt-5">
            <div className="flex items-start justify-between gap-4">
              <div>
                <h2 id="shortcut-sheet-title" className="text-lg font-semibold text-gray-900">
                  Keyboard shortcuts
                </h2>
                <p className="mt-1 text-sm text-gray-600">
                  They do nothing while you type in a field or hold Ctrl, Alt or ⌘.
                </p>
              </div>
              <button
                type="button"
                data-autofocus
                onClick={close}
                className="inline-flex h-8 items-center rounded-md px-3 text-sm font-medium text-gray-700 ring-1 ring-inset ring-gray-300 hover:bg-gray-50 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600"
              >
                Close
              </button>
            </div>
            <div className="mt-4 grid grid-cols-1 gap-x-8 gap-y-5 md:grid-cols-2">
              {SHORTCUT_GROUPS.map((group) => (
                <section key={group.title} aria-labelledby={groupId(group.title)}>
                  <h3
                    id={groupId(group.title)}
                    className="text-xs font-semibold uppercase tracking-wide text-gray-600"
                  >
                    {group.title}
                  </h3>
                  <dl className="mt-2 space-y-2">
                    {group.shortcuts.map((s) => (
                      <div key={`${group.title}-${s.keys.join()}`} className="flex items-start gap-3 text-sm">
                        <dt className="w-24 shrink-0">
                          <Keys keys={s.keys} />
                        </dt>
                        <dd className="text-gray-700">{s.action}</dd>
                      </div>
                    ))}
                  </dl>
                </section>
              ))}
            </div>
          </div>
        ) : null}
      </dialog>
    </>
  );
}
