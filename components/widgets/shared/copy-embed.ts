/** Wires a widget's "Copy embed code" button to its current state. */
import { embedSnippet } from '../../../lib/state/embed';
import { notebookQuery, type NotebookState } from '../../../lib/state/notebook';
import type { Store } from '../../../lib/state/store';
import { withBase } from '../../site/url';
import { widgetText } from './strings';

export function bindCopyEmbed(root: HTMLElement, store: Store<NotebookState>): void {
  const button = root.querySelector<HTMLButtonElement>('[data-copy-embed]');
  if (!button) return;
  const result = root.querySelector<HTMLElement>('.copy-result')!;
  const area = root.querySelector<HTMLTextAreaElement>('.copy-embed textarea')!;
  button.addEventListener('click', async () => {
    const widget = button.dataset.copyEmbed!;
    const src = new URL(withBase(`embed/${widget}/`), location.origin);
    src.search = notebookQuery(store.get());
    const code = embedSnippet(src.toString(), widget);
    area.value = code;
    try {
      await navigator.clipboard.writeText(code);
      result.textContent = widgetText.copied;
      area.hidden = true;
    } catch {
      result.textContent = widgetText.copyFailed;
      area.hidden = false;
      area.select();
    }
  });
}
