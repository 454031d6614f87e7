/** Fills the figure skip links (FigureSkipLinks.astro) with one link per numbered figure of the page. */
import { ui } from './strings';

export function fillFigureSkipLinks(): void {
  const nav = document.querySelector<HTMLElement>('[data-skip-figures]');
  if (!nav) return;
  const links = [...document.querySelectorAll<HTMLElement>('figure[id][data-figure-n]')].map((fig) => {
    const a = document.createElement('a');
    a.href = `#${fig.id}`;
    a.textContent = ui.skipToFigureN(fig.dataset.figureN ?? '');
    return a;
  });
  nav.replaceChildren(...links);
  nav.hidden = links.length === 0;
}
