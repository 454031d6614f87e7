/**
 * Runs on embed pages: reports the page's height to the parent (in the common message formats) and accepts
 * state commands from it, validated like the URL; corrections show in the widget's notice box.
 */
import { readSetCommand, resizeMessages } from '../../../lib/state/embed';
import { applyQuery } from '../../../lib/state/notebook';
import { showNotices } from './notices';
import { sharedStore } from './page-state';

export function hostEmbed(): void {
  if (window.parent === window) return;
  let last = 0;
  const report = () => {
    const h = document.documentElement.scrollHeight;
    if (h === last) return;
    last = h;
    for (const msg of resizeMessages(h, location.href)) window.parent.postMessage(msg, '*');
  };
  new ResizeObserver(report).observe(document.body);
  report();

  addEventListener('message', (e: MessageEvent) => {
    if (e.source !== window.parent) return;
    const cmd = readSetCommand(e.data);
    if (!cmd) return;
    const box = document.querySelector<HTMLElement>('.widget [data-part="notices"]');
    if ('error' in cmd) {
      if (box) showNotices(box, [], [`Ignored a message from the page: ${cmd.error}.`]);
      return;
    }
    const notices = applyQuery(sharedStore(), cmd.query);
    if (box && notices.length) showNotices(box, notices);
  });
}
