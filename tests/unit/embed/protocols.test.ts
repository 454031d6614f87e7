import { describe, expect, it } from 'vitest';
import {
  HeightGate,
  broadcastResizeMessages,
  h5pPrepareResize,
  h5pResize,
  iframeResizerMessage,
  readH5pAction,
  readIframeResizerInit,
} from '../../../lib/embed/protocols';

describe('resize messages of every host convention', () => {
  it('carry the rounded-up height, Canvas subject, and the original src for Embedly', () => {
    const [own, generic, canvas, embedly] = broadcastResizeMessages(640.2, 'https://x.org/embed/score-field/?s=1');
    expect(own).toEqual({ type: 'scorefield:resize', height: 641 });
    expect(generic).toEqual({ type: 'resize', height: 641 });
    expect(canvas).toEqual({ subject: 'lti.frameResize', height: 641 });
    expect(JSON.parse(embedly as string)).toEqual({ src: 'https://x.org/embed/score-field/?s=1', context: 'iframe.resize', height: 641 });
  });

  it('H5P: prepareResize asks the host to set the frame to the content height, then resize', () => {
    expect(h5pPrepareResize(500.5)).toEqual({ context: 'h5p', action: 'prepareResize', scrollHeight: 501, clientHeight: 501 });
    expect(h5pResize(500.5)).toEqual({ context: 'h5p', action: 'resize', scrollHeight: 501 });
    expect(readH5pAction({ context: 'h5p', action: 'resizePrepared' })).toBe('resizePrepared');
    expect(readH5pAction({ context: 'other', action: 'hello' })).toBeNull();
    expect(readH5pAction('h5p')).toBeNull();
  });

  it('iframe-resizer v4: reads the frame id of the init message and answers id:height:width:type', () => {
    expect(readIframeResizerInit('[iFrameSizer]sf0:8:false:false:32:true:true:null:bodyOffset')).toBe('sf0');
    expect(readIframeResizerInit('[iFrameSizer]<script>:8')).toBeNull();
    expect(readIframeResizerInit({ id: 'x' })).toBeNull();
    expect(iframeResizerMessage('sf0', 812.1, 1264, 'init')).toBe('[iFrameSizer]sf0:813:1264:init');
  });
});

describe('HeightGate', () => {
  it('reports changes, drops repeats, and lets a height come back later (notice shown, then dismissed)', () => {
    const g = new HeightGate();
    expect(g.accept(700, 0)).toBe(true);
    expect(g.accept(700, 10)).toBe(false);
    expect(g.accept(770, 20)).toBe(true);
    expect(g.accept(700, 40)).toBe(true);
    expect(g.accept(770, 60)).toBe(true);
    expect(g.accept(700, 80)).toBe(true);
  });

  it('settles on the larger height when the layout flips between two heights, until a third one comes', () => {
    const g = new HeightGate();
    const seq = [700, 715, 700, 715, 700];
    for (const [i, h] of seq.entries()) expect(g.accept(h, i * 50)).toBe(true);
    expect(g.accept(715, 300)).toBe(false);
    expect(g.settledHeight).toBe(715);
    expect(g.accept(700, 350)).toBe(false);
    expect(g.accept(715, 400)).toBe(false);
    expect(g.accept(900, 450)).toBe(true);
    expect(g.settledHeight).toBeNull();
  });

  it('refuses non-positive and non-finite heights', () => {
    const g = new HeightGate();
    expect(g.accept(Number.NaN)).toBe(false);
    expect(g.accept(0)).toBe(false);
    expect(g.accept(Number.POSITIVE_INFINITY)).toBe(false);
  });
});
