/**
 * Wires a widget's "Copy embed code" button: an iframe of its embed page with the widget's current state, its hidden
 * controls (hide=), a height measured from the widget and the resize lines (lib/embed/snippets.ts). Copied as
 * clipboard.ts does (inside an iframe too, or left selected in a field).
 * Also keeps the "Embed options…" link (the embed builder) and the figure's live URL (printed under it) up to date.
 */
import { copyText } from '../../embed/clipboard';
import { readEmbedOptions } from '../../../lib/embed/host-api';
import { embedUrl, snippet } from '../../../lib/embed/snippets';
import { notebookQuery, type NotebookState } from '../../../lib/state/notebook';
import type { Store } from '../../../lib/state/store';
import { withBase } from '../../site/url';
import type { WidgetName } from '../names';
import { WIDGET_TITLES } from '../titles';
import { widgetText } from './strings';

/** Room the embed page needs around the widget: its title line, padding and the collapsed text description. */
const EMBED_CHROME_PX = 90;

/** The controls a widget hides: its author's hide="…" and the page's hide=. */
function hiddenControls(root: HTMLElement): string[] {
  const own = (root.dataset.hide ?? '').split(',').map((s) => s.trim());
  return [...new Set([...own, ...readEmbedOptions(location.search).options.hide])].filter(Boolean);
}

export function bindCopyEmbed(root: HTMLElement, store: Store<NotebookState>): void {
  const button = root.querySelector<HTMLButtonElement>('[data-copy-embed]');
  if (!button) return;
  const widget = button.dataset.copyEmbed as WidgetName;
  const result = root.querySelector<HTMLElement>('.copy-result')!;
  const area = root.querySelector<HTMLTextAreaElement>('.copy-embed textarea')!;
  const builder = root.querySelector<HTMLAnchorElement>('[data-embed-builder]');
  const page = new URL(withBase(`embed/${widget}/`), location.origin).toString();
  const sync = (state: NotebookState) => {
    const query = notebookQuery(state);
    root.dataset.liveUrl = embedUrl(page, query, { hide: hiddenControls(root) });
    if (builder) builder.href = `${withBase('embed/')}?${[`widget=${widget}`, query].filter(Boolean).join('&')}`;
  };
  sync(store.get());
  store.subscribe(sync);
  button.addEventListener('click', async () => {
    const code = snippet('iframe-resize', {
      page,
      state: notebookQuery(store.get()),
      options: { hide: hiddenControls(root) },
      title: WIDGET_TITLES[widget],
      height: Math.ceil(root.getBoundingClientRect().height + EMBED_CHROME_PX),
    });
    area.hidden = true;
    const ok = await copyText(code, area);
    result.textContent = ok ? widgetText.copied : widgetText.copyFailed;
    area.hidden = ok;
    if (!ok) area.select();
  });
}
