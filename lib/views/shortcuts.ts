/**
 * Keyboard shortcuts of a focused figure, DOM-free: which key does what, the new guidance scale for a key, and the
 * list the help popover shows. The element (components/widgets/shared/shortcuts.ts) performs the actions.
 */
import { NOTEBOOK_SCHEMA } from '../state/notebook';
import { clampNumber, formatNumber } from '../state/params';

export type ShortcutAction =
  | { kind: 'play' }
  | { kind: 'reset' }
  | { kind: 'set-s'; value: number }
  | { kind: 'nudge-s'; delta: number }
  | { kind: 'help' }
  | { kind: 'present' };

export interface KeyLike {
  key: string;
  shiftKey?: boolean;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
}

/** Fine and coarse steps of the guidance scale (arrows, Shift+arrows). */
export const S_FINE = 0.1;
export const S_COARSE = 1;

/** The shortcuts, for the help popover (key label, what it does). */
export const SHORTCUTS: readonly (readonly [string, string])[] = [
  ['Space', 'play or pause (run the sweep)'],
  ['R', 'reset'],
  ['0 / 1 / 7', 'set s = 0, 1 or 7.5'],
  ['← → ↑ ↓', `change s by ${S_FINE}`],
  ['Shift + arrows', `change s by ${S_COARSE}`],
  ['P', 'presentation mode (Esc leaves it)'],
  ['?', 'this list'],
];

/** The action of a key press, or undefined when the key is not a shortcut (left to the browser). */
export function shortcutFor(e: KeyLike): ShortcutAction | undefined {
  if (e.ctrlKey || e.metaKey || e.altKey) return undefined;
  switch (e.key) {
    case ' ':
      return { kind: 'play' };
    case 'r':
    case 'R':
      return { kind: 'reset' };
    case '0':
      return { kind: 'set-s', value: 0 };
    case '1':
      return { kind: 'set-s', value: 1 };
    case '7':
      return { kind: 'set-s', value: 7.5 };
    case 'ArrowRight':
    case 'ArrowUp':
      return { kind: 'nudge-s', delta: e.shiftKey ? S_COARSE : S_FINE };
    case 'ArrowLeft':
    case 'ArrowDown':
      return { kind: 'nudge-s', delta: -(e.shiftKey ? S_COARSE : S_FINE) };
    case '?':
      return { kind: 'help' };
    case 'p':
    case 'P':
      return { kind: 'present' };
    default:
      return undefined;
  }
}

/** The guidance scale after a nudge: on the slider's grid (0.1), inside [0, 15]. */
export function nudgedScale(s: number, delta: number): number {
  const spec = NOTEBOOK_SCHEMA.s;
  return clampNumber(spec, Math.round((s + delta) / spec.step) * spec.step);
}

/** What a screen reader hears after a shortcut changed s. */
export function announceScale(s: number): string {
  return `guidance scale s = ${formatNumber(s, NOTEBOOK_SCHEMA.s.step)}`;
}
