/**
 * The page's shared notebook state: one store per page, read once from the URL and written back to it
 * (replaceState, so the back button is not flooded), so that every widget of a chapter stays in sync.
 * A widget that opts out gets a private store of its own. Both are notebook stores: the URL, the controls and a
 * host page's messages all change them through `set`, which reconciles (lib/state/notebook.ts).
 */
import type { Store } from '../../../lib/state/store';
import { PASS_THROUGH_PARAMS, applyQuery, createNotebookStore, notebookQuery, type NotebookState } from '../../../lib/state/notebook';
import type { Notice } from '../../../lib/state/params';

export interface WidgetState {
  store: Store<NotebookState>;
  /** Corrections made while reading the state, for this widget to show (each page-level notice is shown once). */
  notices: Notice[];
  shared: boolean;
}

let page: { store: Store<NotebookState>; notices: Notice[]; base: NotebookState } | undefined;
let noticesClaimed = false;
let pending: number | undefined;

function pageState() {
  if (!page) {
    const store = createNotebookStore();
    // A chapter may open its figures elsewhere than the schema's defaults (data-defaults, from its front matter);
    // the URL then says only what differs from that starting point.
    const defaults = document.querySelector<HTMLElement>('[data-defaults]')?.dataset.defaults;
    if (defaults) applyQuery(store, defaults);
    const base = store.get();
    const notices = applyQuery(store, location.search);
    store.subscribe((s) => {
      clearTimeout(pending);
      pending = window.setTimeout(() => writeUrl(s, base), 120);
    });
    page = { store, notices, base };
  }
  return page;
}

function writeUrl(state: NotebookState, base: NotebookState): void {
  const url = new URL(location.href);
  const keep = new URLSearchParams();
  for (const key of PASS_THROUGH_PARAMS) {
    const v = url.searchParams.get(key);
    if (v !== null) keep.set(key, v);
  }
  const query = [notebookQuery(state, base), keep.toString()].filter(Boolean).join('&');
  url.search = query ? `?${query}` : '';
  history.replaceState(history.state, '', url);
}

/**
 * The state a widget runs on: the page's shared store, or with `local` a private one started from the page URL
 * and then `init` (a query string written by the chapter author, e.g. "s=7.5&t=100").
 */
export function widgetState(options: { local: boolean; init?: string }): WidgetState {
  if (!options.local) {
    const p = pageState();
    const notices = noticesClaimed ? [] : p.notices;
    noticesClaimed = true;
    return { store: p.store, notices, shared: true };
  }
  const merged = new URLSearchParams(location.search);
  for (const [k, v] of new URLSearchParams(options.init ?? '')) merged.set(k, v);
  const store = createNotebookStore();
  const notices = applyQuery(store, merged.toString());
  return { store, notices, shared: false };
}

/** The page's shared store (created from the URL on first use). */
export function sharedStore(): Store<NotebookState> {
  return pageState().store;
}
