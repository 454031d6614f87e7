/**
 * The host API of an embed page (lib/embed/host-api.ts): posts the full validated state after each change
 * (debounced) and widget events to the parent, answers "scorefield:get", applies "scorefield:set" (an invalid value
 * leaves its setting as it was, and the widget says so), and shares the state with the other embeds of the same
 * group= on the page through a BroadcastChannel.
 */
import { eventMessage, readHostCommand, SET_MESSAGE, stateMessage } from '../../lib/embed/host-api';
import type { NotebookState } from '../../lib/state/notebook';
import type { Notice } from '../../lib/state/params';
import type { Store } from '../../lib/state/store';
import { READER_MODEL_EVENT } from '../widgets/shared/events';
import { showNotices } from '../widgets/shared/notices';
import { WIDGET_EVENT, type WidgetEventDetail } from './events';

const STATE_DEBOUNCE_MS = 150;

function noticeBox(): HTMLElement | null {
  return document.querySelector<HTMLElement>('.widget [data-part="notices"]');
}

function applyCommand(store: Store<NotebookState>, data: unknown, source: string): boolean {
  const cmd = readHostCommand(data, store.get());
  if (!cmd || cmd.kind === 'get') return false;
  const box = noticeBox();
  if (cmd.kind === 'error') {
    if (box) showNotices(box, [], [`Ignored a message from ${source}: ${cmd.message}.`]);
    return true;
  }
  const notices = [...cmd.notices, ...store.set(cmd.patch)] as Notice[];
  if (box && notices.length) showNotices(box, notices);
  return true;
}

export function startHostChannel(widget: string, store: Store<NotebookState>, group: string | null): () => void {
  const parent = window.parent;
  const inFrame = parent !== window;
  const post = (msg: unknown) => {
    if (inFrame) parent.postMessage(msg, '*');
  };
  const channel = group && 'BroadcastChannel' in window ? new BroadcastChannel(`scorefield-group:${group}`) : null;
  let timer: number | undefined;
  let fromPeer = false;
  const postState = () => post(stateMessage(widget, store.get(), group));
  const off = store.subscribe((state) => {
    clearTimeout(timer);
    timer = window.setTimeout(postState, STATE_DEBOUNCE_MS);
    // A change that came from a peer is not sent back (no echo, no stale value bouncing back during a drag).
    if (!fromPeer) channel?.postMessage({ type: SET_MESSAGE, state: { ...state } });
  });
  if (channel) {
    channel.onmessage = (e: MessageEvent) => {
      fromPeer = true;
      try {
        applyCommand(store, e.data, 'another figure of the group');
      } finally {
        fromPeer = false;
      }
    };
  }

  const onMessage = (e: MessageEvent) => {
    if (!inFrame || e.source !== parent) return;
    const cmd = readHostCommand(e.data, store.get());
    if (cmd?.kind === 'get') (e.source as Window).postMessage(stateMessage(widget, store.get(), group), '*');
    else if (cmd) applyCommand(store, e.data, 'the page');
  };
  const onEvent = (e: Event) => {
    const d = (e as CustomEvent<WidgetEventDetail>).detail;
    post(eventMessage(d.widget, d.name, d.detail));
  };
  const onModel = () => post(eventMessage(widget, 'model-swapped', { denoiser: store.get().denoiser }));
  addEventListener('message', onMessage);
  document.addEventListener(WIDGET_EVENT, onEvent);
  document.addEventListener(READER_MODEL_EVENT, onModel);
  postState();
  return () => {
    off();
    clearTimeout(timer);
    channel?.close();
    removeEventListener('message', onMessage);
    document.removeEventListener(WIDGET_EVENT, onEvent);
    document.removeEventListener(READER_MODEL_EVENT, onModel);
  };
}
