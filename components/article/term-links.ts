/**
 * Equation ↔ figure links (Distill-style): a term of an equation marked \htmlClass{sf-term-<name>}{…} in the chapter
 * (eps0: ε_∅, epsy: ε_y, s: the guidance scale) lights up what it names in the page's score-field figures when hovered
 * or focused, and hovering or focusing that part of the figure lights the term up: ε_∅ ↔ the s = 0 panel (its arrows
 * are ε_∅'s score), ε_y ↔ the s = 1 panel, s ↔ the guidance-scale slider.
 */
const TARGETS: Readonly<Record<string, string>> = {
  eps0: 'sf-score-field canvas[data-s="0"]',
  epsy: 'sf-score-field canvas[data-s="1"]',
  s: 'sf-score-field [data-control="s"]',
};
const TERM_ON = 'sf-term-active';
const TARGET_ON = 'sf-linked';

function toggle(term: string, on: boolean): void {
  for (const el of document.querySelectorAll(`.sf-term-${term}`)) el.classList.toggle(TERM_ON, on);
  for (const el of document.querySelectorAll(TARGETS[term]!)) el.classList.toggle(TARGET_ON, on);
}

function bind(el: Element, term: string): void {
  el.addEventListener('mouseenter', () => toggle(term, true));
  el.addEventListener('mouseleave', () => toggle(term, false));
  el.addEventListener('focusin', () => toggle(term, true));
  el.addEventListener('focusout', () => toggle(term, false));
}

export function linkEquationTerms(): void {
  for (const term of Object.keys(TARGETS)) {
    const terms = document.querySelectorAll<HTMLElement>(`.sf-term-${term}`);
    if (terms.length === 0) continue;
    for (const el of terms) {
      el.tabIndex = 0;
      el.setAttribute('role', 'button');
      el.setAttribute('aria-label', `${el.textContent?.trim() ?? term}: show it in the figure`);
      bind(el, term);
    }
    for (const el of document.querySelectorAll(TARGETS[term]!)) bind(el, term);
  }
}
