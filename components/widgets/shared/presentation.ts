/**
 * Showing a figure on a projector or in a slide: a theme forced by the URL, the chrome (title, status line, copy
 * button) hidden, the figure scaled to fit its frame without scrolling, and a fullscreen button that also switches to
 * larger type for projection. One small module so that a later presentation mode can extend it (styles in presentation.css).
 */
import './presentation.css';
import type { EmbedTheme } from '../../../lib/embed/host-api';

/** Class on <html> for each mode; presentation.css styles them. */
export const PRESENTATION_CLASSES = { noChrome: 'sf-no-chrome', fit: 'sf-fit', projection: 'sf-projection' } as const;

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

/** A button that shows `target` fullscreen (and back), with larger type while fullscreen. */
export function fullscreenButton(target: HTMLElement = document.documentElement): HTMLButtonElement | null {
  if (!document.fullscreenEnabled) return null;
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'btn sf-fullscreen';
  const label = () => {
    button.textContent = document.fullscreenElement ? 'Exit full screen' : 'Full screen';
    button.setAttribute('aria-pressed', String(Boolean(document.fullscreenElement)));
  };
  label();
  button.addEventListener('click', () => {
    if (document.fullscreenElement) void document.exitFullscreen();
    else void target.requestFullscreen().catch(() => undefined);
  });
  document.addEventListener('fullscreenchange', () => {
    document.documentElement.classList.toggle(PRESENTATION_CLASSES.projection, Boolean(document.fullscreenElement));
    label();
  });
  return button;
}
