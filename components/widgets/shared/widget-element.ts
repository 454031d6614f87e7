/**
 * What every widget element does the same way: take its state (the page's or its own), show the corrections made to
 * it, bind its controls and "copy embed code", start when scrolled into view, redraw on theme and size changes,
 * recompute after a lost backend, and undo all of it when removed. A widget supplies the parts in between.
 */
import type { NotebookState } from '../../../lib/state/notebook';
import { bindControls, hideControls } from './controls';
import { bindCopyEmbed } from './copy-embed';
import { bindDisclosure } from './disclosure';
import { addScaleFields, figureTools } from './figure-tools';
import { BACKEND_RESET_EVENT, READER_MODEL_EVENT } from './events';
import { showNotices } from './notices';
import { preparePrint } from './print';
import { widgetState, type WidgetState } from './page-state';
import { themeColors, type ThemeColors } from './theme-colors';
import { whenVisible } from './when-visible';

preparePrint();

export abstract class WidgetElement extends HTMLElement {
  protected state!: WidgetState;
  protected colors?: ThemeColors;
  private cleanups: (() => void)[] = [];

  /** The data-part whose size change calls for a redraw. */
  protected abstract readonly resizePart: string;
  /** Reads the widget's own markup (panels, buttons); runs once, before the controls are bound. */
  protected abstract setup(): void;
  /** First computation and drawing, when the widget first comes into view. */
  protected abstract start(): Promise<void>;
  /** Redraws from what is already computed (theme or size changed). */
  protected abstract redraw(): void;
  /** Reacts to a state change (after start). */
  protected abstract changed(state: NotebookState, keys: ReadonlySet<keyof NotebookState>): void;
  /** The tfjs backend was rebuilt: everything from the learned model must be computed again. */
  protected abstract backendReset(): void;

  /** The reader's own model (denoiser=trained, which this widget shows) was replaced. Default: as after a backend reset. */
  protected readerModelChanged(): void {
    this.backendReset();
  }

  /** Extra text for a control's value (e.g. the noise level of t); undefined for the default wording. */
  protected describe(_key: keyof NotebookState, _state: NotebookState): string | undefined {
    return undefined;
  }

  /** Stops running work when the widget is removed. */
  protected teardown(): void {}

  connectedCallback(): void {
    if (this.state) return;
    this.state = widgetState({ local: this.hasAttribute('data-local'), init: this.dataset.init });
    this.setup();
    addScaleFields(this, () => this.state.store);
    showNotices(this.el('notices'), this.state.notices);
    hideControls(this, this.dataset.hide ?? null);
    hideControls(this, new URLSearchParams(location.search).get('hide'));
    this.cleanups.push(bindDisclosure(this, this.state.store));
    this.cleanups.push(
      bindControls(this, this.state.store, {
        describe: (key, st) => this.describe(key, st),
        notices: (notices) => showNotices(this.el('notices'), notices),
      }),
    );
    bindCopyEmbed(this, this.state.store);
    this.cleanups.push(figureTools(this, this.state.store, () => this.el(this.resizePart)));
    whenVisible(this, () => void this.begin());
  }

  disconnectedCallback(): void {
    this.teardown();
    for (const c of this.cleanups) c();
    this.cleanups = [];
  }

  /** The element marked data-part="name". */
  protected el(name: string): HTMLElement {
    return this.querySelector<HTMLElement>(`[data-part="${name}"]`)!;
  }

  private async begin(): Promise<void> {
    this.colors = themeColors(this);
    const onTheme = () => {
      this.colors = themeColors(this);
      this.redraw();
    };
    this.listen(document, 'themechange', onTheme);
    this.listen(matchMedia('(prefers-color-scheme: dark)'), 'change', onTheme);
    this.listen(document, BACKEND_RESET_EVENT, () => this.backendReset());
    // The reader's own model was replaced: what shows it is recomputed like after a backend reset.
    this.listen(document, READER_MODEL_EVENT, () => {
      if (this.state.store.get().denoiser === 'trained') this.readerModelChanged();
    });
    const ro = new ResizeObserver(() => this.redraw());
    ro.observe(this.el(this.resizePart));
    this.cleanups.push(
      () => ro.disconnect(),
      this.state.store.subscribe((st, keys) => this.changed(st, keys)),
    );
    await this.start();
  }

  private listen(target: EventTarget, type: string, fn: () => void): void {
    target.addEventListener(type, fn);
    this.cleanups.push(() => target.removeEventListener(type, fn));
  }
}
