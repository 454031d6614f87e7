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

/**
 * Runs `fn` once `el` has been at least half on screen for `ms` without a break (a presenter's figure that is
 * simply left showing); returns the cancel function.
 */
export function whenSeenFor(el: Element, ms: number, fn: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const io = new IntersectionObserver(
    (entries) => {
      const seen = entries.some((e) => e.intersectionRatio >= 0.5);
      clearTimeout(timer);
      timer = seen
        ? setTimeout(() => {
            io.disconnect();
            fn();
          }, ms)
        : undefined;
    },
    { threshold: [0, 0.5, 1] },
  );
  io.observe(el);
  return () => {
    clearTimeout(timer);
    io.disconnect();
  };
}

/** Runs `fn` when the browser is idle (at most `timeout` ms later; a plain timeout where idle callbacks are missing). */
export function whenIdle(fn: () => void, timeout = 2000): void {
  if ('requestIdleCallback' in window) requestIdleCallback(fn, { timeout });
  else setTimeout(fn, Math.min(timeout, 500));
}
