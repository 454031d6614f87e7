/** Runs `start` once, when `el` first comes near the viewport (widgets start when scrolled into view). */
export function whenVisible(el: Element, start: () => void): void {
  if (!('IntersectionObserver' in window)) {
    start();
    return;
  }
  const io = new IntersectionObserver(
    (entries) => {
      if (entries.some((e) => e.isIntersecting)) {
        io.disconnect();
        start();
      }
    },
    { rootMargin: '200px 0px' },
  );
  io.observe(el);
}
