/**
 * Fetching a file's text with a deadline and a size cap: a request that never answers (or answers forever) fails
 * after `timeoutMs` instead of leaving a page "Loading…" for ever, and a response announced larger than `maxChars`
 * is refused before its body is read.
 */

/** How long a weight file (or the list of shipped models) may take, headers and body together. */
export const FETCH_TIMEOUT_MS = 10_000;

export class FetchTimeoutError extends Error {
  constructor(url: string, ms: number) {
    super(`no answer from ${url} within ${ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${ms} ms`}`);
    this.name = 'FetchTimeoutError';
  }
}

export interface FetchTextOptions {
  timeoutMs?: number;
  /** Refuse a response whose Content-Length says it is longer than this. */
  maxChars?: number;
  fetchImpl?: typeof fetch;
}

/** The text at `url`; throws FetchTimeoutError past the deadline, Error on an HTTP error or an oversize response. */
export async function fetchText(url: string, opts: FetchTextOptions = {}): Promise<string> {
  const ms = opts.timeoutMs ?? FETCH_TIMEOUT_MS;
  const fetchImpl = opts.fetchImpl ?? fetch;
  const abort = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      abort.abort();
      reject(new FetchTimeoutError(url, ms));
    }, ms);
  });
  try {
    return await Promise.race([
      (async () => {
        const res = await fetchImpl(url, { signal: abort.signal });
        if (!res.ok) throw new Error(`could not fetch ${url}: HTTP ${res.status}`);
        const length = Number(res.headers.get('content-length'));
        if (opts.maxChars !== undefined && length > opts.maxChars) throw new Error(`${url} is too large (${length} bytes)`);
        return await res.text();
      })(),
      deadline,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
