/**
 * The resize conventions embed hosts listen for, as DOM-free message builders and readers. An embed posts its content
 * height in every one of them; each host reads only its own and ignores the rest.
 *
 * - scorefield:  { type: 'scorefield:resize', height } (the site's own snippet; also { type: 'resize', height }).
 * - Canvas LMS:  { subject: 'lti.frameResize', height } (Canvas resizes the LTI/content frame that posts it).
 * - H5P resizer: a handshake; the child says { context: 'h5p', action: 'hello' }, the host answers 'hello', then for each
 *                change the child sends 'prepareResize' { scrollHeight, clientHeight }, the host sets the frame to
 *                clientHeight and answers 'resizePrepared', and the child sends 'resize' { scrollHeight }.
 * - Embedly:     JSON string { src, context: 'iframe.resize', height }; the host finds the frame by src, so src must be
 *                the URL the frame was created with, not the live one.
 * - iframe-resizer (the MIT-licensed v4 child protocol): the host sends "[iFrameSizer]<id>:…" to start; the child answers
 *                "[iFrameSizer]<id>:<height>:<width>:init" and then ":<height>:<width>:resizeObserver" on each change.
 *                A child that loads after the host started says "[iFrameResizerChild]Ready" so the host starts it again.
 */

export const SCOREFIELD_RESIZE = 'scorefield:resize';
export const H5P_CONTEXT = 'h5p';
export const IFRAME_RESIZER_ID = '[iFrameSizer]';
export const IFRAME_RESIZER_READY = '[iFrameResizerChild]Ready';

/** The messages that need no handshake: posted to the parent whenever the content height changes. */
export function broadcastResizeMessages(height: number, originalSrc: string): unknown[] {
  const h = Math.ceil(height);
  return [
    { type: SCOREFIELD_RESIZE, height: h },
    { type: 'resize', height: h },
    { subject: 'lti.frameResize', height: h },
    JSON.stringify({ src: originalSrc, context: 'iframe.resize', height: h }),
  ];
}

/** H5P: the child's first message, and what it sends for one size change before and after the host's answer. */
export const h5pHello = (): object => ({ context: H5P_CONTEXT, action: 'hello' });
export const h5pPrepareResize = (height: number): object => ({
  context: H5P_CONTEXT,
  action: 'prepareResize',
  scrollHeight: Math.ceil(height),
  clientHeight: Math.ceil(height),
});
export const h5pResize = (height: number): object => ({ context: H5P_CONTEXT, action: 'resize', scrollHeight: Math.ceil(height) });

/** The action of an H5P host's message ('hello', 'resizePrepared', 'resize'), or null for anything else. */
export function readH5pAction(data: unknown): string | null {
  if (typeof data !== 'object' || data === null) return null;
  const d = data as { context?: unknown; action?: unknown };
  return d.context === H5P_CONTEXT && typeof d.action === 'string' ? d.action : null;
}

/** iframe-resizer: the frame id from the host's start message "[iFrameSizer]<id>:…", or null. */
export function readIframeResizerInit(data: unknown): string | null {
  if (typeof data !== 'string' || !data.startsWith(IFRAME_RESIZER_ID)) return null;
  const id = data.slice(IFRAME_RESIZER_ID.length).split(':')[0] ?? '';
  return /^[\w-]{1,128}$/.test(id) ? id : null;
}

/** iframe-resizer: the child's size message. */
export function iframeResizerMessage(id: string, height: number, width: number, type: 'init' | 'resizeObserver'): string {
  return `${IFRAME_RESIZER_ID}${id}:${Math.ceil(height)}:${Math.ceil(width)}:${type}`;
}

/**
 * Decides whether a measured height is worth reporting: not the same as the last one, and not part of an oscillation
 * (a scrollbar that appears at one height and changes the layout back): when the heights flip between the same two
 * values three times in a row within a second, the gate refuses both (the caller reports settledHeight, the larger, so
 * nothing is cut off) until the content asks for a third height or two seconds have passed.
 */
export class HeightGate {
  private history: { h: number; at: number }[] = [];
  private settled: { pair: [number, number]; at: number } | null = null;

  accept(height: number, now = Date.now()): boolean {
    const h = Math.ceil(height);
    if (!Number.isFinite(h) || h <= 0) return false;
    if (h === this.history.at(-1)?.h) return false;
    if (this.settled) {
      if (this.settled.pair.includes(h) && now - this.settled.at < 2000) return false;
      this.settled = null;
      this.history = [];
    }
    this.history.push({ h, at: now });
    if (this.history.length > 6) this.history.shift();
    const hs = this.history.map((e) => e.h);
    const flipping = hs.length === 6 && hs.every((v, i) => v === hs[i % 2]) && now - this.history[0]!.at < 1000;
    if (flipping) {
      this.settled = { pair: [hs[0]!, hs[1]!], at: now };
      return false;
    }
    return true;
  }

  /** The height to report after accept() refused an oscillation (the larger of the two), or null. */
  get settledHeight(): number | null {
    return this.settled ? Math.max(...this.settled.pair) : null;
  }
}
