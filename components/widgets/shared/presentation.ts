/**
 * Showing a figure on a projector, in a slide or on a phone held up in a lecture hall: one implementation for the
 * chapters' presentation mode (a button on every figure, `present=` in the URL, P on a focused figure) and the embeds
 * (theme forced by the URL, chrome hidden, fit to the frame, and the same presentation mode for their full screen).
 *
 * Presentation mode: the figure fills the screen (and goes full screen where the browser allows), its type grows to
 * projection size, only the controls the lecturer chose stay (`pcontrols=`, default the guidance scale), the panels are
 * laid out as large as the screen allows (lib/views/presentation-layout.ts) and the shortcuts are shown; Esc returns.
 */
import './presentation.css';
import type { EmbedTheme } from '../../../lib/embed/host-api';
import { fitPanels, type Cell } from '../../../lib/views/presentation-layout';
import { remeasureCanvases } from './canvas';

/** Class on <html> for each mode; presentation.css styles them. */
export const PRESENTATION_CLASSES = { noChrome: 'sf-no-chrome', fit: 'sf-fit', presenting: 'sf-presenting-page' } as const;
/** Class of the figure being presented. */
const PRESENTING = 'sf-presenting';
/** Controls kept in presentation mode unless the URL names others (pcontrols=s,t). */
export const DEFAULT_PRESENT_CONTROLS = ['s', 's2'];
const GAP_PX = 12;

/** Forces light or dark (auto: the reader's own choice) and tells the widgets to redraw. */
export function applyTheme(theme: EmbedTheme): void {
  if (theme === 'auto') return;
  document.documentElement.dataset.theme = theme;
  document.dispatchEvent(new CustomEvent('themechange', { detail: theme }));
}

export function setChrome(visible: boolean): void {
  document.documentElement.classList.toggle(PRESENTATION_CLASSES.noChrome, !visible);
}

/**
 * Scales `content` so that it fits the viewport without scrolling: laid out at width W/scale and scaled by `scale`, so
 * it fills the width and its height is at most the viewport's. Re-fits when the viewport or the content changes.
 */
export function fitToViewport(content: HTMLElement): () => void {
  document.documentElement.classList.add(PRESENTATION_CLASSES.fit);
  content.style.transformOrigin = '0 0';
  let lastHeight = -1;
  let frame = 0;
  const fit = () => {
    frame = 0;
    if (document.documentElement.classList.contains(PRESENTATION_CLASSES.presenting)) return;
    const W = document.documentElement.clientWidth;
    const H = window.innerHeight;
    let scale = 1;
    for (let i = 0; i < 4; i++) {
      content.style.width = `${W / scale}px`;
      const next = Math.min(1, H / Math.max(1, content.offsetHeight));
      if (Math.abs(next - scale) < 0.005) break;
      scale = next;
    }
    content.style.width = `${W / scale}px`;
    content.style.transform = scale < 1 ? `scale(${scale})` : '';
    lastHeight = content.offsetHeight;
  };
  const request = () => {
    if (!frame) frame = requestAnimationFrame(fit);
  };
  const ro = new ResizeObserver(() => {
    if (content.offsetHeight !== lastHeight) request();
  });
  ro.observe(content);
  addEventListener('resize', request);
  fit();
  return () => {
    ro.disconnect();
    removeEventListener('resize', request);
    cancelAnimationFrame(frame);
  };
}

/** The controls named by `pcontrols=` in the URL, or the default. */
export function presentControls(search = location.search): string[] {
  const list = new URLSearchParams(search).get('pcontrols');
  return list === null ? DEFAULT_PRESENT_CONTROLS : list.split(',').map((k) => k.trim());
}

/** Whether the URL asks to present this figure: present=1 (the first figure) or present=<figure id> (fig-… optional). */
export function presentRequested(widget: HTMLElement, search = location.search): boolean {
  const want = new URLSearchParams(search).get('present');
  if (!want) return false;
  if (want === '1' || want === 'true') return document.querySelector('.widget') === widget;
  const id = widget.closest('figure')?.id;
  return id === want || id === `fig-${want}`;
}

export function isPresenting(widget: HTMLElement): boolean {
  return widget.classList.contains(PRESENTING);
}

/** The panels of the stage as cells: visible, in the flow, each with its canvas or plot. */
function stageCells(stage: HTMLElement): { cell: HTMLElement; media: HTMLElement }[] {
  return [...stage.children]
    .filter((c): c is HTMLElement => c instanceof HTMLElement && !c.hidden && getComputedStyle(c).position !== 'absolute')
    .map((cell) => ({ cell, media: cell.matches('canvas, svg') ? cell : cell.querySelector<HTMLElement>('canvas, svg') }))
    .filter((c): c is { cell: HTMLElement; media: HTMLElement } => c.media !== null);
}

function horizontalPadding(el: HTMLElement): number {
  const cs = getComputedStyle(el);
  return Number.parseFloat(cs.paddingLeft) + Number.parseFloat(cs.paddingRight);
}

/** Height of the widget's content other than the stage (bar, controls, legend…), with the widget's padding. */
function heightBesides(widget: HTMLElement, stage: HTMLElement): number {
  const kids = [...widget.children].filter((k): k is HTMLElement => k instanceof HTMLElement && k.getClientRects().length > 0);
  if (kids.length === 0) return 0;
  const cs = getComputedStyle(widget);
  const top = Math.min(...kids.map((k) => k.getBoundingClientRect().top - Number.parseFloat(getComputedStyle(k).marginTop)));
  const bottom = Math.max(...kids.map((k) => k.getBoundingClientRect().bottom + Number.parseFloat(getComputedStyle(k).marginBottom)));
  const content = bottom - top + Number.parseFloat(cs.paddingTop) + Number.parseFloat(cs.paddingBottom);
  return content - stage.getBoundingClientRect().height;
}

/** Sizes the stage's panels to the largest that fit what the viewport leaves them (captions rewrap: re-measured). */
function layoutStage(widget: HTMLElement, stage: HTMLElement): void {
  let fit = { cols: 1, width: 0 };
  const apply = (width: number) => {
    stage.style.setProperty('--sf-cols', String(fit.cols));
    stage.style.setProperty('--sf-cell', `${Math.max(80, Math.floor(width))}px`);
  };
  for (let pass = 0; pass < 2; pass++) {
    const measured: Cell[] = stageCells(stage).map(({ cell, media }) => {
      const w = Math.max(1, media.getBoundingClientRect().width);
      const h = media.getBoundingClientRect().height;
      // The figures' canvases are square panels (a canvas not yet drawn would report 300 × 150); plots keep their own shape.
      const aspect = media instanceof HTMLCanvasElement ? 1 : h / w || 1;
      return { aspect, extra: Math.max(0, cell.getBoundingClientRect().height - h) };
    });
    fit = fitPanels(measured, widget.clientWidth - horizontalPadding(widget), window.innerHeight - heightBesides(widget, stage) - 4, GAP_PX);
    apply(fit.width);
  }
  // What still spills over (text that wrapped at the new width) comes off the panels, row by row.
  const rows = Math.max(1, Math.ceil(stageCells(stage).length / fit.cols));
  let width = fit.width;
  for (let i = 0; i < 3; i++) {
    const over = heightBesides(widget, stage) + stage.getBoundingClientRect().height + 4 - window.innerHeight;
    if (over <= 0) break;
    width -= over / rows + 1;
    apply(width);
  }
}

/** A small bar on top of the presented figure: its label, the shortcuts, and the way back. */
function presentBar(widget: HTMLElement, exit: () => void): HTMLElement {
  const bar = document.createElement('div');
  bar.className = 'sf-present-bar';
  const title = document.createElement('strong');
  title.textContent =
    widget
      .closest('figure')
      ?.querySelector('.fig-label')
      ?.textContent?.replace(/\.\s*$/, '') ?? 'Figure';
  const keys = document.createElement('span');
  keys.className = 'sf-present-keys';
  keys.textContent = 'Space play · R reset · 0 1 7 set s · ← → change s';
  const back = document.createElement('button');
  back.type = 'button';
  back.className = 'btn';
  back.textContent = 'Exit (Esc)';
  back.addEventListener('click', exit);
  bar.append(title, keys, back);
  return bar;
}

/**
 * Presents a widget: returns the function that ends presentation mode (also called by Esc, the Exit button and
 * leaving full screen). `stage` holds the panels to enlarge; `onChange` runs after entering and leaving (redraw).
 */
export function presentWidget(widget: HTMLElement, stage: HTMLElement, controls = presentControls(), onChange?: () => void): () => void {
  const root = document.documentElement;
  const returnFocus = document.activeElement as HTMLElement | null;
  const hidden = [...widget.querySelectorAll<HTMLElement>('[data-control]')].filter((el) => !controls.includes(el.dataset.control ?? ''));
  for (const el of hidden) el.dataset.presentHidden = '';
  widget.classList.add(PRESENTING);
  root.classList.add(PRESENTATION_CLASSES.presenting);
  let frame = 0;
  const relayout = () => {
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(() => layoutStage(widget, stage));
  };
  const bar = presentBar(widget, () => exit());
  widget.prepend(bar);
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape') exit();
  };
  const onFullscreen = () => {
    if (!document.fullscreenElement) exit();
  };
  let ended = false;
  const exit = () => {
    if (ended) return;
    ended = true;
    cancelAnimationFrame(frame);
    removeEventListener('resize', relayout);
    mo.disconnect();
    ro.disconnect();
    document.removeEventListener('keydown', onKey);
    document.removeEventListener('fullscreenchange', onFullscreen);
    if (document.fullscreenElement === widget) void document.exitFullscreen().catch(() => undefined);
    bar.remove();
    for (const el of hidden) delete el.dataset.presentHidden;
    widget.classList.remove(PRESENTING);
    root.classList.remove(PRESENTATION_CLASSES.presenting);
    stage.style.removeProperty('--sf-cols');
    stage.style.removeProperty('--sf-cell');
    widget.dispatchEvent(new CustomEvent('sf-present', { detail: false, bubbles: true }));
    remeasureCanvases();
    onChange?.();
    (returnFocus ?? widget).focus?.({ preventScroll: false });
  };
  addEventListener('resize', relayout);
  // Panels that appear or go (the sampler's second lane, the sweep's inset) change the layout.
  const mo = new MutationObserver(relayout);
  mo.observe(stage, { attributes: true, attributeFilter: ['hidden'], subtree: true, childList: true });
  // …as does the widget becoming ready (its panels drawn, its texts final).
  mo.observe(widget, { attributes: true, attributeFilter: ['data-ready'] });
  // …and so does content that changes height (a table filled at the end of a run); a layout that changed nothing settles.
  // (A layout that changes nothing resizes nothing, so this settles.)
  const ro = new ResizeObserver(relayout);
  for (const child of widget.children) ro.observe(child);
  document.addEventListener('keydown', onKey);
  if (document.fullscreenEnabled && !document.fullscreenElement) {
    widget
      .requestFullscreen()
      .then(() => document.addEventListener('fullscreenchange', onFullscreen))
      .catch(() => undefined);
  }
  layoutStage(widget, stage);
  widget.tabIndex = -1;
  widget.focus({ preventScroll: true });
  widget.dispatchEvent(new CustomEvent('sf-present', { detail: true, bubbles: true }));
  remeasureCanvases();
  onChange?.();
  return exit;
}
