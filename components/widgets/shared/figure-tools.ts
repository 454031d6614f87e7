/**
 * The tools every figure gets, whatever its widget: a number field beside each guidance-scale slider (s typed,
 * validated like the URL), a "Present" button and the `present=` URL parameter (presentation.ts), the keyboard
 * shortcuts (figure-keys.ts) and a "Keys" popover that lists them.
 */
import { parseNotebookQuery, type NotebookState } from '../../../lib/state/notebook';
import type { Store } from '../../../lib/state/store';
import { bindFigureKeys, shortcutList } from './figure-keys';
import { showNotices } from './notices';
import { isPresenting, presentRequested, presentWidget } from './presentation';
import { widgetText } from './strings';
import './figure-tools.css';

/** Keys whose sliders get a number field beside them. */
const TYPED_KEYS = ['s', 's2'] as const;

/**
 * Adds a number field beside each slider of s and s2 (before the controls are bound, so that they bind it too). A
 * typed value goes through the URL's parser: out of range is clamped, text is refused, and the notice box says so.
 */
export function addScaleFields(widget: HTMLElement, store: () => Store<NotebookState>): void {
  for (const key of TYPED_KEYS) {
    for (const range of widget.querySelectorAll<HTMLInputElement>(`input[type="range"][data-key="${key}"]`)) {
      const field = document.createElement('input');
      field.type = 'number';
      field.className = 'sf-scale-field';
      field.dataset.key = key;
      field.min = range.min;
      field.max = range.max;
      field.step = range.step;
      field.inputMode = 'decimal';
      field.setAttribute('aria-label', widgetText.typeScale(range.getAttribute('aria-label') ?? key));
      // Commit on change only (Enter or leaving the field); the field's own handler replaces the generic binding.
      const commit = (e: Event) => {
        e.stopPropagation();
        if (e.type !== 'change') return;
        const st = store();
        const box = widget.querySelector<HTMLElement>('[data-part="notices"]');
        const raw = field.value.trim();
        if (raw === '' || field.validity.badInput) {
          if (box) showNotices(box, [], [widgetText.notANumber(key, String(st.get()[key]))]);
        } else {
          const { state, notices } = parseNotebookQuery(`${key}=${encodeURIComponent(raw)}`);
          st.set({ [key]: state[key] } as Partial<NotebookState>);
          if (box) showNotices(box, notices);
        }
        field.value = String(st.get()[key]);
      };
      field.addEventListener('input', commit);
      field.addEventListener('change', commit);
      const row = document.createElement('span');
      row.className = 'sf-scale-row';
      range.replaceWith(row);
      row.append(range, field);
      // The field shows the value: the slider's own readout would say it twice.
      const readout = row.parentElement?.querySelector<HTMLElement>(`output[data-readout="${key}"]`);
      if (readout) readout.hidden = true;
    }
  }
}

/** The footer's "Present" and "Keys" buttons, the shortcuts and present= of the URL; returns the teardown. */
export function figureTools(widget: HTMLElement, store: Store<NotebookState>, stage: () => HTMLElement): () => void {
  let exit: (() => void) | undefined;
  const present = () => {
    if (exit && isPresenting(widget)) exit();
    else exit = presentWidget(widget, widget.querySelector<HTMLElement>('[data-present-stage]') ?? stage());
  };
  const tools = document.createElement('span');
  tools.className = 'sf-figure-tools';
  const presentButton = document.createElement('button');
  presentButton.type = 'button';
  presentButton.className = 'btn';
  presentButton.dataset.part = 'present';
  presentButton.textContent = widgetText.present;
  presentButton.addEventListener('click', present);
  const keysButton = document.createElement('button');
  keysButton.type = 'button';
  keysButton.className = 'btn';
  keysButton.dataset.part = 'keys';
  keysButton.textContent = widgetText.keys;
  keysButton.setAttribute('aria-expanded', 'false');
  const popover = document.createElement('div');
  popover.className = 'sf-keys';
  popover.hidden = true;
  popover.dataset.part = 'keys-help';
  popover.setAttribute('role', 'dialog');
  popover.setAttribute('aria-label', widgetText.keysTitle);
  const heading = document.createElement('p');
  heading.textContent = widgetText.keysTitle;
  popover.append(heading, shortcutList());
  const help = () => {
    popover.hidden = !popover.hidden;
    keysButton.setAttribute('aria-expanded', String(!popover.hidden));
  };
  keysButton.addEventListener('click', help);
  tools.append(presentButton, keysButton, popover);
  (widget.querySelector('.widget-footer') ?? widget).append(tools);
  const offKeys = bindFigureKeys(widget, store, { present, help });
  if (presentRequested(widget)) present();
  return () => {
    offKeys();
    exit?.();
  };
}
