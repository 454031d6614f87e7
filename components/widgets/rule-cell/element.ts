/**
 * The rule cell: a CodeMirror 6 editor whose text is the page's guidance rule (the URL key `rule`). Every edit is
 * checked (lib/views/rule-cell.ts: the rule language's own parser, then finite values on the exact world, in time);
 * a good rule goes to the state at once, and the score field, the sampler and the sweep redraw with it; a bad one
 * marks the editor aria-invalid, says what is wrong, and the last good rule keeps drawing. No reader text is ever
 * run as JavaScript.
 */
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { EditorState } from '@codemirror/state';
import { EditorView, keymap, lineNumbers } from '@codemirror/view';
import { worldOfKey } from '../../../lib/science/world-key';
import { makeSchedule, type ScheduleName } from '../../../lib/science/schedule';
import { presetOf, RULE_PRESETS } from '../../../lib/science/rule-presets';
import type { NotebookState } from '../../../lib/state/notebook';
import type { Store } from '../../../lib/state/store';
import { checkRule, ruleText } from '../../../lib/views/rule-cell';
import { showNotices } from '../shared/notices';
import { widgetState } from '../shared/page-state';
import { ruleText as text } from './strings';

export class RuleCellElement extends HTMLElement {
  private store?: Store<NotebookState>;
  private view?: EditorView;
  private timer?: number;
  private unsubscribe?: () => void;

  connectedCallback(): void {
    if (this.store) return;
    const state = widgetState({ local: this.hasAttribute('data-local'), init: this.dataset.init });
    this.store = state.store;
    showNotices(
      this.el('notices'),
      state.notices.filter((n) => n.param === 'rule'),
    );
    const select = this.el('preset') as HTMLSelectElement;
    for (const p of RULE_PRESETS) select.add(new Option(p.label, p.id));
    select.add(new Option(text.custom, 'custom'));
    // The editor lives in a shadow root: CodeMirror then styles it with a constructed style sheet (adoptedStyleSheets),
    // which a strict Content-Security-Policy without 'unsafe-inline' styles allows, instead of a <style> element.
    const root = this.el('editor').attachShadow({ mode: 'open' });
    this.view = new EditorView({
      parent: root,
      root,
      state: EditorState.create({
        doc: ruleText(this.store.get().rule),
        extensions: [
          lineNumbers(),
          history(),
          keymap.of([...defaultKeymap, ...historyKeymap]),
          EditorView.lineWrapping,
          EditorView.theme({
            '&': { fontSize: '0.9rem', backgroundColor: 'transparent' },
            '.cm-content': { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace' },
            '&.cm-focused': { outline: '2px solid #3b6ea8' },
          }),
          EditorView.contentAttributes.of({ 'aria-label': 'guidance rule', 'aria-multiline': 'true' }),
          EditorView.updateListener.of((u) => {
            if (u.docChanged) this.schedule();
          }),
        ],
      }),
    });
    select.addEventListener('change', () => {
      const p = RULE_PRESETS.find((r) => r.id === select.value);
      if (p) this.setText(p.text);
    });
    this.el('reset').addEventListener('click', () => this.setText(RULE_PRESETS[0]!.text));
    this.unsubscribe = this.store.subscribe((st, keys) => {
      if (keys.has('rule') && ruleText(st.rule) !== this.view!.state.doc.toString()) this.setText(ruleText(st.rule), false);
      if (keys.has('world') || keys.has('schedule')) this.check();
    });
    this.syncPreset(this.view.state.doc.toString());
    this.dataset.ready = 'true';
  }

  disconnectedCallback(): void {
    this.unsubscribe?.();
    this.view?.destroy();
    this.store = undefined;
  }

  private el(name: string): HTMLElement {
    return this.querySelector<HTMLElement>(`[data-part="${name}"]`)!;
  }

  private setText(doc: string, check = true): void {
    const view = this.view!;
    view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: doc } });
    if (check) this.check();
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = window.setTimeout(() => this.check(), 200);
  }

  /** Checks the editor's text; a good rule goes to the state, a bad one is marked and explained. */
  private check(): void {
    clearTimeout(this.timer);
    const store = this.store!;
    const st = store.get();
    const doc = this.view!.state.doc.toString();
    const world = worldOfKey(st.world);
    if (!world) return;
    const result = checkRule(doc, world, makeSchedule(st.schedule as ScheduleName), st.y, st.steps);
    const message = this.el('message');
    const content = this.view!.contentDOM;
    this.syncPreset(doc);
    if (result.ok) {
      content.removeAttribute('aria-invalid');
      content.removeAttribute('aria-description');
      this.classList.remove('invalid');
      message.textContent = text.drawing(presetOf(doc)?.label);
      store.set({ rule: result.value });
    } else {
      content.setAttribute('aria-invalid', 'true');
      // the message is also a live region outside the shadow root (an id reference cannot cross it)
      content.setAttribute('aria-description', result.message);
      this.classList.add('invalid');
      message.textContent = `${result.message} ${text.keptLast}`;
    }
  }

  private syncPreset(doc: string): void {
    (this.el('preset') as HTMLSelectElement).value = presetOf(doc)?.id ?? 'custom';
  }
}
