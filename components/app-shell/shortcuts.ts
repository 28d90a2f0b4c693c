// The console's keyboard shortcuts in one table (what the shortcut sheet lists, so it can never miss
// one), and the rule every shortcut obeys: it never fires while the user is typing in a field, with a
// modifier key held (browser and OS shortcuts stay theirs), or behind an open dialog.

export interface ShortcutHelp {
  /** The keys as shown, e.g. ['j', 'k']. */
  keys: string[];
  /** What they do, as a sentence fragment. */
  action: string;
}

export interface ShortcutGroup {
  title: string;
  shortcuts: ShortcutHelp[];
}

export const SHORTCUT_GROUPS: readonly ShortcutGroup[] = [
  {
    title: 'Review queue',
    shortcuts: [
      { keys: ['j', 'k'], action: 'Move the selection down / up the list' },
      { keys: ['Enter'], action: 'Open the selected item' },
      { keys: ['x'], action: 'Tick or untick the selected item for a bulk decision' },
      {
        keys: ['f', 'l', 'e'],
        action: 'Decide the ticked items (or the selected one): fraud, legitimate, escalate',
      },
      { keys: ['n'], action: 'Claim the next unclaimed item in this view and open it' },
    ],
  },
  {
    title: 'Transaction page',
    shortcuts: [
      { keys: ['f', 'l', 'e'], action: 'Start a decision: fraud, legitimate, escalate (opens the reasons)' },
      { keys: ['↑', '↓'], action: 'Choose a reason' },
      { keys: ['Enter'], action: 'Record the decision and open the next item' },
      { keys: ['Esc'], action: 'Cancel the decision you started' },
      { keys: ['n'], action: 'Claim the next unclaimed item and open it (skips this one)' },
    ],
  },
  {
    title: 'Anywhere',
    shortcuts: [
      { keys: ['?'], action: 'Show this list' },
      { keys: ['Esc'], action: 'Close this list' },
    ],
  },
];

/** Whether the event's target is somewhere the user types: keys there are text, not commands. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  // Checkboxes, radios and buttons take no text: a shortcut may fire from them.
  const type = (target as HTMLInputElement).type;
  return !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(type);
}

/**
 * The shortcut key of a keydown, or null when it must not act as a shortcut: typing in a field, a
 * modifier held (Shift only counts for `?`, which needs it on most layouts), an IME composing, or a
 * modal dialog open (it owns the keyboard until it closes).
 */
export function shortcutKey(event: KeyboardEvent): string | null {
  if (event.defaultPrevented || event.isComposing) return null;
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  if (event.shiftKey && event.key !== '?') return null;
  if (isTypingTarget(event.target)) return null;
  if (typeof document !== 'undefined' && document.querySelector('dialog[open]')) return null;
  return event.key;
}
