/**
 * <sf-score-field>: the score-field explorer. Three fixed panels (s = 0, 1, 7.5 by default) and one whose s follows
 * the slider, each drawing the guided score −ε̃/σ_t over the density it is the gradient of. ε_∅ and ε_y are computed
 * once per (world, class, negative class, t, denoiser) on the arrow grid; moving s only recombines them.
 */
import { epsField } from '../../../lib/science/field';
import { makeGrid, type Grid } from '../../../lib/science/grid';
import { NULL_CLASS } from '../../../lib/science/types';
import type { NotebookState } from '../../../lib/state/notebook';
import { REFERENCE_CELLS, ScoreFieldModel, nearestGridIndex, type FieldView, type PointReadout } from '../../../lib/views/score-field';
import { bindControls, hideControls } from '../shared/controls';
import { bindCopyEmbed } from '../shared/copy-embed';
import { denoiserFor, exactDenoiser } from '../shared/denoisers';
import { showNotices } from '../shared/notices';
import { widgetState, type WidgetState } from '../shared/page-state';
import { themeColors, type ThemeColors } from '../shared/theme-colors';
import { whenVisible } from '../shared/when-visible';
import { widgetText } from '../shared/strings';
import { toData, type PanelGeometry } from '../shared/canvas';
import { drawPanel } from './draw';
import { fieldText } from './strings';

const ARROW_GRID_N = 17;
const DENSITY_GRID_N = 96;
/** Keys whose change needs new ε_∅, ε_y (a denoiser call); the others only redraw. */
const RECOMPUTE_KEYS: ReadonlySet<keyof NotebookState> = new Set(['world', 'y', 'neg', 't', 'schedule', 'denoiser', 'cond', 'backend']);

interface Panel {
  canvas: HTMLCanvasElement;
  /** Fixed scale, or undefined for the panel that follows the slider. */
  fixedS?: number;
  geometry?: PanelGeometry;
}

export class ScoreFieldElement extends HTMLElement {
  private state!: WidgetState;
  private panels: Panel[] = [];
  private model?: ScoreFieldModel;
  private arrowGrid!: Grid;
  private densityGrid!: Grid;
  private colors?: ThemeColors;
  private highlight = -1;
  private hoverPanel?: Panel;
  private computeToken = 0;
  /** Number of denoiser evaluations of the arrow grid so far (a slider move must not add one). */
  computeCount = 0;
  private cleanups: (() => void)[] = [];

  connectedCallback(): void {
    if (this.state) return;
    this.state = widgetState({ local: this.hasAttribute('data-local'), init: this.dataset.init });
    this.arrowGrid = makeGrid(ARROW_GRID_N);
    this.densityGrid = makeGrid(DENSITY_GRID_N);
    this.panels = [...this.querySelectorAll<HTMLCanvasElement>('canvas[data-panel]')].map((canvas) => {
      const s = canvas.dataset.panel;
      return s === 'slider' ? { canvas } : { canvas, fixedS: Number(s) };
    });
    showNotices(this.partEl('notices'), this.state.notices);
    hideControls(this, new URLSearchParams(location.search).get('hide'));
    this.cleanups.push(bindControls(this, this.state.store, { describe: (key, st) => this.describe(key, st) }));
    bindCopyEmbed(this, this.state.store);
    whenVisible(this, () => void this.start());
  }

  disconnectedCallback(): void {
    for (const c of this.cleanups) c();
    this.cleanups = [];
  }

  private partEl(name: string): HTMLElement {
    return this.querySelector<HTMLElement>(`[data-part="${name}"]`)!;
  }

  private describe(key: keyof NotebookState, st: NotebookState): string | undefined {
    if (key === 't') {
      const exact = exactDenoiser(st.world, st.schedule);
      return fieldText.tValue(st.t, exact.sigma(st.t), Math.sqrt(exact.alphaBar(st.t)));
    }
    return undefined;
  }

  private async start(): Promise<void> {
    this.colors = themeColors(this);
    const { store } = this.state;
    this.cleanups.push(
      store.subscribe((st, changed) => {
        if ([...changed].some((k) => RECOMPUTE_KEYS.has(k))) void this.compute(st);
        else if (changed.has('view')) this.renderAll();
        else if (changed.has('s')) this.renderSliderPanel();
      }),
    );
    const onTheme = () => {
      this.colors = themeColors(this);
      this.renderAll();
    };
    document.addEventListener('themechange', onTheme);
    const mq = matchMedia('(prefers-color-scheme: dark)');
    mq.addEventListener('change', onTheme);
    const ro = new ResizeObserver(() => this.renderAll());
    ro.observe(this.partEl('panels'));
    this.cleanups.push(() => {
      document.removeEventListener('themechange', onTheme);
      mq.removeEventListener('change', onTheme);
      ro.disconnect();
    });
    for (const panel of this.panels) this.attachHover(panel);
    await this.compute(store.get());
  }

  /** New ε_∅, ε_y for the current state: exact at once; then the learned model, if asked for, when it has loaded. */
  private async compute(st: NotebookState): Promise<void> {
    const token = ++this.computeToken;
    const exact = exactDenoiser(st.world, st.schedule);
    const uncond = st.neg >= 0 ? st.neg : NULL_CLASS;
    const status = this.partEl('status');
    this.dataset.ready = 'false';
    if (st.denoiser === 'exact' || !this.model) {
      this.computeCount++;
      this.model = new ScoreFieldModel(exact, await epsField(exact, this.arrowGrid, st.t, st.y, uncond), this.densityGrid);
      this.renderAll();
    }
    if (st.denoiser === 'exact') {
      status.textContent = fieldText.status(widgetText.denoiserNames.exact!);
      this.dataset.ready = 'true';
      this.dataset.denoiser = 'exact';
      return;
    }
    status.textContent = widgetText.learnedLoading;
    const shown = await denoiserFor(st);
    if (token !== this.computeToken) return;
    if (shown.fallback) {
      this.model = new ScoreFieldModel(exact, await epsField(exact, this.arrowGrid, st.t, st.y, uncond), this.densityGrid);
      status.textContent = widgetText.learnedUnavailable(shown.fallback);
      this.dataset.denoiser = 'exact';
    } else {
      this.computeCount++;
      const field = await epsField(shown.denoiser, this.arrowGrid, st.t, st.y, uncond);
      if (token !== this.computeToken) return;
      const exactField = await epsField(exact, this.arrowGrid, st.t, st.y, uncond);
      this.model = new ScoreFieldModel(exact, field, this.densityGrid, exactField);
      status.textContent = fieldText.status(widgetText.denoiserNames.learned!, shown.backend);
      this.dataset.denoiser = 'learned';
    }
    this.renderAll();
    this.dataset.ready = 'true';
  }

  private renderAll(): void {
    for (const panel of this.panels) this.renderPanel(panel);
    this.renderReadout();
    this.partEl('loading').hidden = true;
  }

  private renderSliderPanel(): void {
    for (const panel of this.panels) if (panel.fixedS === undefined) this.renderPanel(panel);
    this.renderReadout();
  }

  private renderPanel(panel: Panel): void {
    const model = this.model;
    if (!model || !this.colors) return;
    const st = this.state.store.get();
    const s = panel.fixedS ?? st.s;
    const frame = model.frame(s, st.view as FieldView);
    const classColor = this.colors.classes[st.y % this.colors.classes.length]!;
    panel.geometry = drawPanel(panel.canvas, frame, this.arrowGrid, this.densityGrid, this.colors, classColor, this.highlight);
    const world = exactDenoiser(st.world, st.schedule).world;
    panel.canvas.setAttribute(
      'aria-label',
      fieldText.panelAlt({
        s,
        t: st.t,
        view: st.view,
        className: world.classes[st.y]?.name ?? String(st.y),
        negName: st.neg >= 0 ? world.classes[st.neg]?.name : undefined,
        denoiser: this.dataset.denoiser ?? st.denoiser,
        peak: frame.peak,
      }),
    );
    if (panel.fixedS === undefined) {
      this.partEl('legend').textContent = fieldText.legend(REFERENCE_CELLS, model.legendNorm(st.view), st.view);
    }
  }

  private attachHover(panel: Panel): void {
    const update = (e: PointerEvent) => {
      if (!panel.geometry) return;
      const rect = panel.canvas.getBoundingClientRect();
      const [x, y] = toData(panel.geometry, e.clientX - rect.left, e.clientY - rect.top);
      const index = nearestGridIndex(this.arrowGrid, x, y);
      if (index === this.highlight && panel === this.hoverPanel) return;
      this.highlight = index;
      this.hoverPanel = panel;
      for (const p of this.panels) this.renderPanel(p);
      this.renderReadout();
    };
    panel.canvas.addEventListener('pointermove', update);
    panel.canvas.addEventListener('pointerdown', update);
    panel.canvas.addEventListener('pointerleave', () => {
      this.highlight = -1;
      for (const p of this.panels) this.renderPanel(p);
      this.renderReadout();
    });
  }

  private renderReadout(): void {
    const box = this.partEl('readout');
    if (!this.model || this.highlight < 0) {
      box.textContent = fieldText.hoverHint;
      return;
    }
    const s = this.hoverPanel?.fixedS ?? this.state.store.get().s;
    box.textContent = fieldText.readout(s, this.model.readout(this.highlight, s) satisfies PointReadout);
  }
}
