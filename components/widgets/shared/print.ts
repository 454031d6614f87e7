/**
 * Printing a page (handouts). When printing starts (beforeprint, or the print media query starting to match):
 * every figure is started (so it draws, instead of waiting to be scrolled into view), every text description is
 * expanded, and each figure gets, for print only: its canvases as images, its current settings as text
 * (lib/embed/print.ts) and, when it had not finished drawing, a note saying what the printed view is. The images are
 * taken again when a figure finishes drawing while the page prints. print.css hides buttons, sliders and "Loading…"
 * and prints each figure's link back to its live version (data-live-url). Afterwards all of it is undone.
 */
import { parameterSummary, printNote, type ControlValue } from '../../../lib/embed/print';
import { setMinimumPixelRatio } from './canvas';
import './print.css';

/** The pixel ratio figures are drawn at for print (about 290 dpi). */
const PRINT_PIXEL_RATIO = 3;

/** Fired on the document before printing; when-visible.ts starts every widget that has not started yet. */
export const PRINT_START_EVENT = 'scorefield:print-start';

const ADDED = 'data-print-added';

/** True when a canvas has pixels that are not fully transparent (it has been drawn on). */
function drawn(canvas: HTMLCanvasElement): boolean {
  if (!canvas.width || !canvas.height) return false;
  const data = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data;
  if (!data) return false;
  for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) return true;
  return false;
}

/** A widget has drawn and has nothing more on its way (a sweep still running has not finished). */
function finished(widget: HTMLElement): boolean {
  return widget.dataset.ready === 'true' && widget.dataset.state !== 'running';
}

/** The values of a widget's visible controls. */
function controlValues(widget: HTMLElement): ControlValue[] {
  const out: ControlValue[] = [];
  for (const c of widget.querySelectorAll<HTMLInputElement | HTMLSelectElement>('input[data-key], select[data-key]')) {
    if (c.closest('[hidden]')) continue;
    const value =
      c instanceof HTMLSelectElement ? (c.selectedOptions[0]?.textContent ?? c.value) : c.type === 'checkbox' ? (c.checked ? 'on' : 'off') : c.value;
    out.push({ key: c.dataset.key!, value });
  }
  return out;
}

/** Adds (again) a widget's print-only images, settings and note. */
function snapshot(widget: HTMLElement): void {
  for (const el of widget.querySelectorAll(`[${ADDED}]`)) el.remove();
  let count = 0;
  for (const canvas of widget.querySelectorAll('canvas')) {
    canvas.classList.remove('print-replaced');
    if (canvas.closest('[hidden]') || !drawn(canvas)) continue;
    const img = document.createElement('img');
    img.src = canvas.toDataURL('image/png');
    img.alt = canvas.getAttribute('aria-label') ?? '';
    img.className = 'print-snapshot';
    img.style.width = `${canvas.clientWidth}px`;
    img.setAttribute(ADDED, '');
    canvas.after(img);
    canvas.classList.add('print-replaced');
    count++;
  }
  const add = (text: string, className: string) => {
    if (!text) return;
    const p = document.createElement('p');
    p.className = className;
    p.textContent = text;
    p.setAttribute(ADDED, '');
    widget.append(p);
  };
  add(parameterSummary(controlValues(widget)), 'print-params');
  add(printNote(finished(widget), count), 'print-note');
}

let prepared = false;

/** Installs the print handling once per page; every widget's module calls it (pages without figures load none of it). */
export function preparePrint(): void {
  if (prepared) return;
  prepared = true;
  let opened: HTMLDetailsElement[] = [];
  let watcher: MutationObserver | undefined;
  const widgets = () => [...document.querySelectorAll<HTMLElement>('.widget')];
  /** Opens the closed disclosures of figures (text descriptions, "About this model") under root, to close them after. */
  const openDetails = (root: ParentNode) => {
    const closed = [...root.querySelectorAll<HTMLDetailsElement>('details:not([open])')].filter((d) => d.closest('figure, .embed-text, .widget'));
    for (const d of closed) d.open = true;
    opened.push(...closed);
  };
  const start = () => {
    if (watcher) return;
    setMinimumPixelRatio(PRINT_PIXEL_RATIO);
    document.dispatchEvent(new CustomEvent(PRINT_START_EVENT));
    // every started figure redraws (as after a theme change), now at the print resolution
    document.dispatchEvent(new CustomEvent('themechange'));
    openDetails(document);
    for (const w of widgets()) snapshot(w);
    // A figure that finishes drawing (or a sweep that finishes running) while the page prints is taken again.
    watcher = new MutationObserver((records) => {
      for (const w of new Set(records.map((r) => r.target as HTMLElement))) {
        if (w.dataset.ready !== 'true') continue;
        openDetails(w); // a disclosure the figure added while starting (its "About this model")
        snapshot(w);
      }
    });
    for (const w of widgets()) watcher.observe(w, { attributes: true, attributeFilter: ['data-ready', 'data-state'] });
  };
  const end = () => {
    watcher?.disconnect();
    watcher = undefined;
    setMinimumPixelRatio(1);
    document.dispatchEvent(new CustomEvent('themechange'));
    for (const d of opened) d.open = false;
    opened = [];
    for (const el of document.querySelectorAll(`[${ADDED}]`)) el.remove();
    for (const c of document.querySelectorAll('.print-replaced')) c.classList.remove('print-replaced');
  };
  addEventListener('beforeprint', start);
  addEventListener('afterprint', end);
  matchMedia('print').addEventListener('change', (e) => (e.matches ? start() : end()));
}
