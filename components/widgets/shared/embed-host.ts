/**
 * Runs on embed pages: applies the embed options of the URL (theme, chrome, fit; hide is read by the widget; full screen is the
 * widget's own presentation mode, presentation.ts), keeps the host's frame the height of the content in every host convention (components/embed/resize.ts)
 * and talks to the host page (components/embed/host-channel.ts: state, events, validated commands, group= sharing).
 */
import { readEmbedOptions } from '../../../lib/embed/host-api';
import { parseNotebookQuery } from '../../../lib/state/notebook';
import { startHostChannel } from '../../embed/host-channel';
import { startResizeReporting } from '../../embed/resize';
import { showNotices } from './notices';
import { sharedStore } from './page-state';
import { applyTheme, fitToViewport, setChrome } from './presentation';

export function hostEmbed(): void {
  const { options, notices } = readEmbedOptions(location.search);
  applyTheme(options.theme);
  setChrome(options.chrome);
  const content = document.querySelector<HTMLElement>('[data-embed-content]') ?? document.body;
  if (notices.length) {
    const box = document.querySelector<HTMLElement>('.widget [data-part="notices"]');
    if (box) showNotices(box, [...parseNotebookQuery(location.search).notices, ...notices]);
  }
  if (options.fit) fitToViewport(content);
  else if (window.parent !== window) startResizeReporting(content);
  startHostChannel(document.body.dataset.widget ?? '', sharedStore(), options.group);
}
