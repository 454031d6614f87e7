/**
 * Equation ↔ figure links (Distill-style): a term of an equation marked \htmlClass{sf-term-<name>}{…} in the chapter
 * (eps0: ε_∅, epsy: ε_y, s: the guidance scale) lights up what it names in the page's score-field figures when hovered,
 * and hovering or focusing that part of the figure lights the term up: ε_∅ ↔ the s = 0 panel (its arrows are ε_∅'s
 * score), ε_y ↔ the s = 1 panel, s ↔ the guidance-scale slider.
 *
 * KaTeX's visible formula is aria-hidden (its MathML is what screen readers read), so nothing inside it may take focus:
 * for keyboards and screen readers each such equation gets a row of buttons under it ("Show in the figure: ε_∅ ε_y s")
 * that do on focus what hovering the term does.
 */
import { ui } from '../site/strings';

const TARGETS: Readonly<Record<string, string>> = {
  eps0: 'sf-score-field canvas[data-s="0"]',
  epsy: 'sf-score-field canvas[data-s="1"]',
  s: 'sf-score-field [data-control="s"]',
};
const TERM_ON = 'sf-term-active';
const TARGET_ON = 'sf-linked';

function toggle(term: string, on: boolean): void {
  for (const el of document.querySelectorAll(`.sf-term-${term}, [data-term="${term}"]`)) el.classList.toggle(TERM_ON, on);
  for (const el of document.querySelectorAll(TARGETS[term]!)) el.classList.toggle(TARGET_ON, on);
}

function bind(el: Element, term: string): void {
  el.addEventListener('mouseenter', () => toggle(term, true));
  el.addEventListener('mouseleave', () => toggle(term, false));
  el.addEventListener('focusin', () => toggle(term, true));
  el.addEventListener('focusout', () => toggle(term, false));
}

/** The keyboard row under an equation: one button per linked term it contains. */
function termButtons(terms: readonly string[]): HTMLElement {
  const row = document.createElement('p');
  row.className = 'sf-term-keys';
  row.append(ui.termKeysLabel);
  for (const term of terms) {
    const button = document.createElement('button');
    button.type = 'button';
    button.dataset.term = term;
    button.textContent = ui.termNames[term] ?? term;
    button.setAttribute('aria-label', ui.termShow(ui.termNames[term] ?? term));
    bind(button, term);
    row.append(' ', button);
  }
  return row;
}

export function linkEquationTerms(): void {
  const linked = Object.keys(TARGETS).filter((term) => document.querySelector(`.sf-term-${term}`) && document.querySelector(TARGETS[term]!));
  if (linked.length === 0) return;
  for (const term of linked) {
    for (const el of document.querySelectorAll(`.sf-term-${term}`)) bind(el, term);
    for (const el of document.querySelectorAll(TARGETS[term]!)) bind(el, term);
  }
  const equations = new Set([...document.querySelectorAll(linked.map((t) => `.sf-term-${t}`).join(','))].map((el) => el.closest('.katex-display')));
  for (const display of equations) {
    if (!display) continue;
    const terms = linked.filter((t) => display.querySelector(`.sf-term-${t}`));
    display.after(termButtons(terms));
  }
}
