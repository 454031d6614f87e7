/**
 * Keeps an embed's frame the height of its content, in every host convention at once (lib/embed/protocols.ts):
 * measures the real content (the embed's <main>, so the frame shrinks as well as grows), debounced, and posts each
 * change once per protocol; H5P and iframe-resizer get their handshakes.
 */
import {
  HeightGate,
  broadcastResizeMessages,
  h5pHello,
  h5pPrepareResize,
  h5pResize,
  iframeResizerMessage,
  IFRAME_RESIZER_READY,
  readH5pAction,
  readIframeResizerInit,
} from '../../lib/embed/protocols';

const DEBOUNCE_MS = 80;
const SAFETY_MS = 1000;

/** The height the frame needs: the content's bottom edge plus the body's bottom margin and padding. */
export function contentHeight(content: HTMLElement): number {
  const body = getComputedStyle(document.body);
  const bottom = content.getBoundingClientRect().bottom + window.scrollY;
  return Math.ceil(bottom + Number.parseFloat(body.marginBottom) + Number.parseFloat(body.paddingBottom));
}

export function startResizeReporting(content: HTMLElement): () => void {
  const parent = window.parent;
  const originalSrc = location.href;
  const gate = new HeightGate();
  let height = 0;
  let h5pReady = false;
  let resizerId: string | null = null;
  let timer: number | undefined;

  const post = (msg: unknown) => parent.postMessage(msg, '*');
  const sendAll = () => {
    // What the frame was last asked to be, for a look in the developer tools (and the tests).
    document.documentElement.dataset.reportedHeight = String(height);
    for (const msg of broadcastResizeMessages(height, originalSrc)) post(msg);
    if (h5pReady) post(h5pPrepareResize(height));
    if (resizerId) post(iframeResizerMessage(resizerId, height, document.documentElement.clientWidth, 'resizeObserver'));
  };
  const measure = () => {
    const h = contentHeight(content);
    document.documentElement.dataset.measuredHeight = String(h);
    if (!gate.accept(h)) {
      const settled = gate.settledHeight;
      if (settled === null || settled === height) return;
      height = settled;
      sendAll();
      return;
    }
    height = h;
    sendAll();
  };
  // Coalesces the changes of DEBOUNCE_MS into one measurement (a content that keeps changing, such as an animation,
  // still gets measured: the timer is not pushed back by each change).
  const schedule = () => {
    if (timer !== undefined) return;
    timer = window.setTimeout(() => {
      timer = undefined;
      measure();
    }, DEBOUNCE_MS);
  };

  const onMessage = (e: MessageEvent) => {
    if (e.source !== parent) return;
    const action = readH5pAction(e.data);
    if (action === 'hello') {
      h5pReady = true;
      if (height) post(h5pPrepareResize(height));
    } else if (action === 'resizePrepared') {
      post(h5pResize(height));
    } else if (action === 'resize') {
      schedule();
    }
    const id = readIframeResizerInit(e.data);
    if (id) {
      resizerId = id;
      post(iframeResizerMessage(id, height || contentHeight(content), document.documentElement.clientWidth, 'init'));
    }
  };
  addEventListener('message', onMessage);
  const ro = new ResizeObserver(schedule);
  ro.observe(content);
  // The frame's own size changes (the host page narrowed) and, as a safety net for frames whose rendering the browser
  // throttled while off screen, a look once a second: one layout read, a message only when the height changed.
  addEventListener('resize', schedule);
  const safety = window.setInterval(schedule, SAFETY_MS);
  post(h5pHello());
  post(IFRAME_RESIZER_READY);
  measure();
  return () => {
    ro.disconnect();
    clearTimeout(timer);
    clearInterval(safety);
    removeEventListener('resize', schedule);
    removeEventListener('message', onMessage);
  };
}
