import { describe, expect, it } from 'vitest';
import { fetchWeights } from '../../../lib/model/denoiser';
import { FetchTimeoutError, fetchText } from '../../../lib/model/fetch-text';

/** A fetch that never answers (until aborted). */
const hanging: typeof fetch = (_url, init) =>
  new Promise((_, reject) => init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));

describe('fetching weights has a deadline (issue #16, item 9)', () => {
  it('a request that never answers fails after the timeout with a readable error', async () => {
    const t0 = Date.now();
    await expect(fetchText('/weights/x.json', { fetchImpl: hanging, timeoutMs: 50 })).rejects.toThrow(FetchTimeoutError);
    expect(Date.now() - t0).toBeLessThan(1000);
    await expect(fetchWeights('/weights/x.json', {}, hanging, 50)).rejects.toThrow('no answer from /weights/x.json within 50 ms');
  });

  it('a body that never ends is cut by the same deadline', async () => {
    const endless: typeof fetch = async () => new Response(new ReadableStream({ pull: () => new Promise(() => {}) }));
    await expect(fetchText('/w.json', { fetchImpl: endless, timeoutMs: 50 })).rejects.toThrow(FetchTimeoutError);
  });

  it('refuses an HTTP error and a response announced too large; passes a good one', async () => {
    const respond =
      (body: string, init: ResponseInit): typeof fetch =>
      async () =>
        new Response(body, init);
    await expect(fetchText('/a', { fetchImpl: respond('', { status: 404 }) })).rejects.toThrow('could not fetch /a: HTTP 404');
    await expect(fetchText('/a', { fetchImpl: respond('x', { headers: { 'content-length': '50000000' } }), maxChars: 1000 })).rejects.toThrow(/too large/);
    expect(await fetchText('/a', { fetchImpl: respond('ok', {}) })).toBe('ok');
  });
});
