/**
 * Applies lib/state/disclosure.ts to a widget: the controls of ideas its chapter has not introduced yet, and those past
 * the first six, move into a "More controls" disclosure; controls that only apply to a learned network are hidden
 * while the exact field is shown (and come back with the learned one).
 */
import { applies, discloseControls } from '../../../lib/state/disclosure';
import type { NotebookState } from '../../../lib/state/notebook';
import type { Store } from '../../../lib/state/store';
import { widgetText } from './strings';

/** The widget's control units: outermost [data-control] elements, outside its footer, not hidden by hide=. */
function controlUnits(widget: HTMLElement): HTMLElement[] {
  return [...widget.querySelectorAll<HTMLElement>('[data-control]')].filter(
    (el) => !el.hidden && !el.parentElement?.closest('[data-control]') && !el.closest('.widget-footer'),
  );
}

export function bindDisclosure(widget: HTMLElement, store: Store<NotebookState>): () => void {
  const chapter = Number(widget.closest<HTMLElement>('[data-chapter]')?.dataset.chapter) || undefined;
  const units = controlUnits(widget);
  // On a chapter page: its ideas, six at most. An embed shows what its author left (hide=), as before.
  const { more } =
    chapter === undefined
      ? { more: [] as string[] }
      : discloseControls(
          units.map((u) => u.dataset.control ?? ''),
          chapter,
        );
  let summary: HTMLElement | undefined;
  const moved = units.filter((u) => more.includes(u.dataset.control ?? ''));
  if (moved.length) {
    const details = document.createElement('details');
    details.className = 'more-controls';
    details.dataset.part = 'more-controls';
    summary = document.createElement('summary');
    const inner = document.createElement('div');
    inner.className = 'controls';
    inner.append(...moved);
    details.append(summary, inner);
    const anchor = widget.querySelector('.controls');
    if (anchor) anchor.after(details);
    else widget.prepend(details);
  }
  const sync = (st: NotebookState) => {
    for (const u of units) u.toggleAttribute('data-inapplicable', !applies(u.dataset.control ?? '', st));
    if (summary) summary.textContent = widgetText.moreControls(moved.filter((u) => !u.hasAttribute('data-inapplicable')).length);
    summary?.parentElement?.toggleAttribute(
      'hidden',
      moved.every((u) => u.hasAttribute('data-inapplicable')),
    );
  };
  sync(store.get());
  return store.subscribe(sync);
}
