import { PRINT_START_EVENT } from './print';

/** Runs `start` once, when `el` first comes near the viewport (widgets start when scrolled into view) or the page is printed. */
export function whenVisible(el: Element, start: () => void): void {
  if (!('IntersectionObserver' in window)) {
    start();
    return;
  }
  let started = false;
  const go = () => {
    if (started) return;
    started = true;
    io.disconnect();
    document.removeEventListener(PRINT_START_EVENT, go);
    start();
  };
  const io = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && go(), { rootMargin: '200px 0px' });
  io.observe(el);
  document.addEventListener(PRINT_START_EVENT, go);
}
