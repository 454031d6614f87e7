/**
 * Printing a page (handouts): before the print dialog every figure is started (so it draws, instead of waiting to be
 * scrolled into view) and every text description is expanded; afterwards the descriptions close again.
 * print.css hides buttons and sliders and prints each figure's link back to its live version (data-live-url).
 */
import './print.css';

/** Fired on the document before printing; when-visible.ts starts every widget that has not started yet. */
export const PRINT_START_EVENT = 'scorefield:print-start';

export function preparePrint(): void {
  let opened: HTMLDetailsElement[] = [];
  addEventListener('beforeprint', () => {
    document.dispatchEvent(new CustomEvent(PRINT_START_EVENT));
    opened = [...document.querySelectorAll<HTMLDetailsElement>('details:not([open])')].filter((d) => d.closest('figure, .embed-text, .widget'));
    for (const d of opened) d.open = true;
  });
  addEventListener('afterprint', () => {
    for (const d of opened) d.open = false;
    opened = [];
  });
}
