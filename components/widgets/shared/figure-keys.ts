/**
 * Keyboard shortcuts of a focused figure (lib/views/shortcuts.ts says which key does what): Space plays or pauses
 * (runs the sweep), R resets, 0/1/7 set s, arrows change s (Shift: coarsely), P presents, ? lists them. Each action
 * is announced to screen readers. Keys typed into a field, and the arrows of a focused slider, are left alone.
 */
import type { NotebookState } from '../../../lib/state/notebook';
import type { Store } from '../../../lib/state/store';
import { announceScale, nudgedScale, shortcutFor, SHORTCUTS, type ShortcutAction } from '../../../lib/views/shortcuts';

export interface FigureKeyActions {
  present: () => void;
  help: () => void;
}

/** Targets whose keys belong to them: text and number fields, selects; a slider keeps its arrows; buttons their Space. */
function ownsKey(target: Element, action: ShortcutAction): boolean {
  if (target.matches('input:not([type="range"]):not([type="checkbox"]):not([type="radio"]), select, textarea, [contenteditable]')) return true;
  if (action.kind === 'nudge-s' && target.matches('input[type="range"]')) return true;
  return action.kind === 'play' && target.matches('button, summary, a[href], input[type="checkbox"], input[type="radio"]');
}

/** A visually hidden live region inside the widget for the shortcuts' announcements. */
function announcer(widget: HTMLElement): (text: string) => void {
  const live = document.createElement('p');
  live.className = 'visually-hidden';
  live.setAttribute('aria-live', 'polite');
  live.dataset.part = 'announce';
  widget.append(live);
  return (text) => {
    live.textContent = text;
  };
}

/** The first visible button of the widget marked with one of `parts` (play, run; reset). */
function button(widget: HTMLElement, parts: string[]): HTMLButtonElement | undefined {
  for (const part of parts) {
    const b = widget.querySelector<HTMLButtonElement>(`button[data-part="${part}"]`);
    if (b && !b.disabled && b.offsetParent !== null) return b;
  }
  return undefined;
}

/** Whether the figure has a guidance-scale control the reader can see (figures without one ignore 0/1/7 and arrows). */
function hasScale(widget: HTMLElement): boolean {
  return [...widget.querySelectorAll<HTMLElement>('[data-key="s"]')].some((el) => el.offsetParent !== null && !el.closest('[hidden]'));
}

export function bindFigureKeys(widget: HTMLElement, store: Store<NotebookState>, actions: FigureKeyActions): () => void {
  const target = widget.closest<HTMLElement>('figure') ?? widget;
  const say = announcer(widget);
  const onKey = (e: KeyboardEvent) => {
    const action = shortcutFor(e);
    if (!action || e.defaultPrevented || !(e.target instanceof Element) || ownsKey(e.target, action)) return;
    let done: string | undefined;
    if (action.kind === 'play' || action.kind === 'reset') {
      const b = action.kind === 'play' ? button(widget, ['play', 'run', 'train']) : button(widget, ['reset']);
      if (!b) return;
      b.click();
      done = action.kind === 'play' ? (b.textContent ?? '').trim() || 'play' : 'reset';
    } else if (action.kind === 'set-s' || action.kind === 'nudge-s') {
      if (!hasScale(widget)) return;
      const s = action.kind === 'set-s' ? action.value : nudgedScale(store.get().s, action.delta);
      store.set({ s });
      done = announceScale(store.get().s);
    } else if (action.kind === 'present') {
      actions.present();
      done = 'presentation mode';
    } else {
      actions.help();
    }
    e.preventDefault();
    if (done) say(done);
  };
  target.addEventListener('keydown', onKey);
  return () => target.removeEventListener('keydown', onKey);
}

/** The help popover's list of shortcuts. */
export function shortcutList(): HTMLElement {
  const dl = document.createElement('dl');
  dl.className = 'sf-keys-list';
  for (const [key, what] of SHORTCUTS) {
    const dt = document.createElement('dt');
    const kbd = document.createElement('kbd');
    kbd.textContent = key;
    dt.append(kbd);
    const dd = document.createElement('dd');
    dd.textContent = what;
    dl.append(dt, dd);
  }
  return dl;
}
