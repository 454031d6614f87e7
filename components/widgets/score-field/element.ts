/**
 * <sf-score-field>: the score-field explorer. Three fixed panels (s = 0, 1, 7.5 by default) and one whose s follows
 * the slider, each drawing the guided score −ε̃/σ_t over the density it is the gradient of. ε_∅ and ε_y are computed
 * once per (world, class, negative class, t, denoiser) on the arrow grid; moving s only recombines them.
 */
import { epsField } from '../../../lib/science/field';
import { makeGrid, type Grid } from '../../../lib/science/grid';
import { NULL_CLASS } from '../../../lib/science/types';
import type { LearnedDenoiser } from '../../../lib/model/denoiser';
import type { NotebookState } from '../../../lib/state/notebook';
import { glyphLegend } from '../../../lib/views/glyph';
import { alphaBarPrevAt } from '../../../lib/science/rules';
import { REFERENCE_CELLS, ScoreFieldViewModel, legendNorm, nearestGridIndex, type FieldView, type PointReadout } from '../../../lib/views/score-field';
import { exactDenoiser, resolveDenoiser } from '../shared/denoisers';
import { WidgetElement } from '../shared/widget-element';
import { widgetText } from '../shared/strings';
import { denoiserStatus, showStatus } from '../shared/status';
import { toData, type PanelGeometry } from '../shared/canvas';
import { FlowAnimation } from './flow-layer';
import { drawFieldPanel } from '../shared/field-panel';
import { addFigureDownload } from '../shared/download-svg';
import { fieldText } from './strings';

const ARROW_GRID_N = 17;
const DENSITY_GRID_N = 96;
/** Keys whose change needs new ε_∅, ε_y (a denoiser call); the others only redraw. */
const RECOMPUTE_KEYS: ReadonlySet<keyof NotebookState> = new Set(['world', 'y', 'neg', 't', 'schedule', 'denoiser', 'cond', 'backend', 'pUncond']);

interface Panel {
  canvas: HTMLCanvasElement;
  /** Fixed scale, or undefined for a panel that follows the state's s. */
  fixedS?: number;
  /** Fixed timestep, or undefined for a panel that follows the state's t. */
  fixedT?: number;
  /** Fixed conditioning mechanism of the learned model, or undefined for the state's. */
  fixedCond?: string;
  /** Where the panel reports its learned model (parameters, error against exact), if it has a fixed mechanism. */
  info?: HTMLElement | null;
  geometry?: PanelGeometry;
  /** The guided vectors the flow view follows, recombined only when the panel's s or model changes. */
  flowCache?: { s: number; model: ScoreFieldViewModel; vectors: Float64Array };
}

export class ScoreFieldElement extends WidgetElement {
  protected readonly resizePart = 'panels';
  private panels: Panel[] = [];
  /** One view model per timestep and mechanism shown ("t|cond"), for the current world, class, denoiser, … (viewModelsKey). */
  private viewModels = new Map<string, ScoreFieldViewModel>();
  /** Parameter count of the learned model of each mechanism shown. */
  private parameters = new Map<string, number>();
  private viewModelsKey = '';
  /** Exact view models drawn while the learned ones load. */
  private exactPreview = new Map<number, ScoreFieldViewModel>();
  private arrowGrid!: Grid;
  private densityGrid!: Grid;
  private highlight = -1;
  private hoverPanel?: Panel;
  private computeToken = 0;
  /** Number of denoiser evaluations of the arrow grid so far (a slider move must not add one). */
  computeCount = 0;

  protected setup(): void {
    this.arrowGrid = makeGrid(ARROW_GRID_N);
    this.densityGrid = makeGrid(DENSITY_GRID_N);
    const fixed = (v: string | undefined) => (v === undefined || v === 'state' ? undefined : Number(v));
    this.panels = [...this.querySelectorAll<HTMLCanvasElement>('canvas[data-panel]')].map((canvas) => ({
      canvas,
      fixedS: fixed(canvas.dataset.s),
      fixedT: fixed(canvas.dataset.t),
      fixedCond: canvas.dataset.cond,
      info: canvas.parentElement?.querySelector<HTMLElement>('[data-part="model-info"]'),
    }));
    addFigureDownload(this, this.el('legend').parentElement ?? this, { name: 'score-field', state: () => this.state.store.get() });
  }

  protected override describe(key: keyof NotebookState, st: NotebookState): string | undefined {
    if (key === 't') {
      const exact = exactDenoiser(st.world, st.schedule);
      return widgetText.tValue(st.t, exact.sigma(st.t), Math.sqrt(exact.alphaBar(st.t)));
    }
    return undefined;
  }

  protected async start(): Promise<void> {
    for (const panel of this.panels) this.attachHover(panel);
    this.flow = new FlowAnimation(
      this,
      this.arrowGrid,
      this.panels.map((panel) => ({ canvas: panel.canvas, source: { field: () => this.flowField(panel), geometry: () => panel.geometry } })),
      this.colors!.fg,
    );
    await this.compute(this.state.store.get());
    this.flow.set(this.state.store.get().flow, this.colors!.fg);
  }

  private flow?: FlowAnimation;

  /** What a panel's flow follows: the guided score at its s, from cached ε_∅ and ε_y (no denoiser call). */
  private flowField(panel: Panel): { vectors: Float64Array; arrowScale: number } | undefined {
    const model = this.viewModelFor(panel);
    if (!model) return undefined;
    const s = panel.fixedS ?? this.state.store.get().s;
    if (panel.flowCache?.s !== s || panel.flowCache.model !== model) panel.flowCache = { s, model, vectors: model.guidedScore(s) };
    return { vectors: panel.flowCache.vectors, arrowScale: this.commonScale('guided') };
  }

  protected override teardown(): void {
    this.flow?.stop();
  }

  protected changed(st: NotebookState, keys: ReadonlySet<keyof NotebookState>): void {
    if ([...keys].some((k) => RECOMPUTE_KEYS.has(k))) void this.compute(st);
    else if (keys.has('view') || keys.has('rule') || keys.has('steps')) this.renderAll();
    else if (keys.has('s')) this.renderSliderPanel();
    if (keys.has('flow')) this.flow?.set(st.flow, this.colors?.fg);
  }

  protected redraw(): void {
    this.renderAll();
    this.flow?.set(this.state.store.get().flow, this.colors?.fg);
  }

  protected backendReset(): void {
    this.viewModelsKey = '';
    void this.compute(this.state.store.get());
  }

  /** The (timestep, mechanism) a panel shows, as a view-model key. */
  private panelKey(panel: Panel, st: NotebookState): string {
    return `${panel.fixedT ?? st.t}|${panel.fixedCond ?? st.cond}`;
  }

  /**
   * New ε_∅, ε_y for every timestep shown whose model is missing (all of them after a change of world, class,
   * denoiser, …; only the state's t after a change of t): exact at once; then the learned model, if asked for.
   */
  private async compute(st: NotebookState): Promise<void> {
    const token = ++this.computeToken;
    const key = [st.world, st.y, st.neg, st.schedule, st.denoiser, st.backend, st.pUncond].join('|');
    if (key !== this.viewModelsKey) {
      this.viewModelsKey = key;
      this.viewModels.clear();
    }
    const wanted = [...new Set(this.panels.map((p) => this.panelKey(p, st)))];
    for (const k of this.viewModels.keys()) if (!wanted.includes(k)) this.viewModels.delete(k);
    const missingKeys = wanted.filter((k) => !this.viewModels.has(k));
    if (missingKeys.length === 0) return this.renderAll();
    const split = (k: string) => {
      const [t, cond] = k.split('|');
      return { t: Number(t), cond: cond! };
    };
    const missing = [...new Set(missingKeys.map((k) => split(k).t))];
    const exact = exactDenoiser(st.world, st.schedule);
    const uncond = st.neg >= 0 ? st.neg : NULL_CLASS;
    const exactViewModel = async (t: number) => new ScoreFieldViewModel(exact, await epsField(exact, this.arrowGrid, t, st.y, uncond), this.densityGrid);
    this.dataset.ready = 'false';
    if (st.denoiser === 'exact' || this.dataset.denoiser === undefined) {
      // Exact first: drawn at once, replaced by the learned field when that has arrived.
      for (const t of missing) {
        this.computeCount++;
        this.exactPreview.set(t, await exactViewModel(t));
      }
      this.renderAll();
    }
    if (st.denoiser === 'exact') {
      for (const k of missingKeys) this.viewModels.set(k, this.exactPreview.get(split(k).t)!);
      showStatus(this, denoiserStatus({ name: 'exact' }));
      this.finish('exact');
      return;
    }
    showStatus(this, widgetText.learnedLoading);
    let learned: Awaited<ReturnType<typeof resolveDenoiser>> | undefined;
    for (const k of missingKeys) {
      const { t, cond } = split(k);
      const resolved = await resolveDenoiser({ ...st, cond: cond as NotebookState['cond'] });
      if (token !== this.computeToken) return;
      learned = learned?.fallback ? learned : resolved;
      // The exact field of t, from the preview when one was drawn (not computed twice).
      const preview = this.exactPreview.get(t);
      if (resolved.fallback) {
        this.viewModels.set(k, preview ?? (await exactViewModel(t)));
        continue;
      }
      const parameters = (resolved.denoiser as Partial<LearnedDenoiser>).parameterCount;
      if (parameters) this.parameters.set(cond, parameters);
      this.computeCount++;
      const field = await epsField(resolved.denoiser, this.arrowGrid, t, st.y, uncond);
      if (token !== this.computeToken) return;
      const exactField = preview?.field ?? (await epsField(exact, this.arrowGrid, t, st.y, uncond));
      this.viewModels.set(k, new ScoreFieldViewModel(exact, field, this.densityGrid, exactField));
    }
    if (!learned) return;
    showStatus(this, denoiserStatus(learned));
    this.finish(learned.fallback ? 'exact' : learned.name);
  }

  private finish(denoiser: 'exact' | 'learned' | 'trained'): void {
    this.exactPreview.clear();
    this.dataset.denoiser = denoiser;
    this.renderAll();
    this.dataset.ready = 'true';
  }

  /** One arrow scale for all panels (the smallest of their models'), so that lengths compare across panels. */
  private commonScale(view: FieldView): number {
    const scales = this.panels.map((p) => this.viewModelFor(p)?.scaleFor(view)).filter((v): v is number => v !== undefined);
    return Math.min(...scales);
  }

  /** The view model a panel draws: its timestep's and mechanism's, or the exact preview while the learned one loads. */
  private viewModelFor(panel: Panel): ScoreFieldViewModel | undefined {
    const st = this.state.store.get();
    const viewModel = this.viewModels.get(this.panelKey(panel, st)) ?? this.exactPreview.get(panel.fixedT ?? st.t);
    viewModel?.setRule(st.rule || undefined, alphaBarPrevAt(viewModel.exact.schedule.alphasCumprod, viewModel.field.t, st.steps));
    return viewModel;
  }

  private renderAll(): void {
    for (const panel of this.panels) this.renderPanel(panel);
    this.renderReadout();
    this.el('loading').hidden = true;
  }

  private renderSliderPanel(): void {
    for (const panel of this.panels) if (panel.fixedS === undefined) this.renderPanel(panel);
    this.renderReadout();
  }

  private renderPanel(panel: Panel): void {
    const model = this.viewModelFor(panel);
    if (!model || !this.colors) return;
    const st = this.state.store.get();
    const t = panel.fixedT ?? st.t;
    const s = panel.fixedS ?? st.s;
    const frame = model.frame(s, st.view as FieldView, this.commonScale(st.view as FieldView));
    const classColor = this.colors.classes[st.y % this.colors.classes.length]!;
    panel.geometry = drawFieldPanel(panel.canvas, {
      frame,
      arrowGrid: this.arrowGrid,
      densityGrid: this.densityGrid,
      colors: this.colors,
      densityColor: classColor,
      highlight: this.highlight,
    });
    const world = exactDenoiser(st.world, st.schedule).world;
    panel.canvas.setAttribute(
      'aria-label',
      fieldText.panelAlt({
        s,
        t,
        view: st.view,
        className: world.classes[st.y]?.name ?? String(st.y),
        negName: st.neg >= 0 ? world.classes[st.neg]?.name : undefined,
        denoiser: this.dataset.denoiser ?? st.denoiser,
        peak: frame.peak,
      }),
    );
    if (panel.info) {
      const cond = panel.fixedCond!;
      panel.info.textContent = fieldText.modelInfo(this.parameters.get(cond), this.dataset.denoiser !== 'exact' ? model.guidedError(s) : undefined);
    }
    if (panel === this.panels.at(-1)) {
      this.el('legend').textContent = fieldText.legend(glyphLegend(legendNorm(this.arrowGrid, frame.arrowScale) / REFERENCE_CELLS), st.view);
    }
  }

  /** Points a panel's probe at arrow-grid point `index` (−1: none) and redraws. */
  private probe(panel: Panel, index: number): void {
    if (index === this.highlight && panel === this.hoverPanel) return;
    this.highlight = index;
    this.hoverPanel = panel;
    for (const p of this.panels) this.renderPanel(p);
    this.renderReadout();
  }

  /**
   * The probe follows the pointer (hover, tap or a sideways drag: the canvases let vertical swipes scroll the page,
   * touch-action: pan-y), or the arrow keys on a focused panel.
   */
  private attachHover(panel: Panel): void {
    const update = (e: PointerEvent) => {
      if (!panel.geometry) return;
      const rect = panel.canvas.getBoundingClientRect();
      const [x, y] = toData(panel.geometry, e.clientX - rect.left, e.clientY - rect.top);
      this.probe(panel, nearestGridIndex(this.arrowGrid, x, y));
    };
    panel.canvas.addEventListener('keydown', (e) => {
      const { nx, ny } = this.arrowGrid;
      const at = this.highlight >= 0 && this.hoverPanel === panel ? this.highlight : (ny >> 1) * nx + (nx >> 1);
      const [i, j] = [at % nx, Math.floor(at / nx)];
      const moves: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] };
      const move = moves[e.key];
      if (!move) return;
      e.preventDefault();
      const ni = Math.min(nx - 1, Math.max(0, i + move[0]));
      const nj = Math.min(ny - 1, Math.max(0, j + move[1]));
      this.probe(panel, nj * nx + ni);
    });
    panel.canvas.addEventListener('blur', () => this.probe(panel, -1));
    panel.canvas.addEventListener('pointermove', update);
    panel.canvas.addEventListener('pointerdown', update);
    // A finger lifted leaves the readout until the next tap; a mouse leaving the panel clears it.
    panel.canvas.addEventListener('pointerleave', (e) => {
      if (e.pointerType === 'touch' || e.pointerType === 'pen') return;
      this.highlight = -1;
      for (const p of this.panels) this.renderPanel(p);
      this.renderReadout();
    });
  }

  private renderReadout(): void {
    const box = this.el('readout');
    const model = this.hoverPanel && this.viewModelFor(this.hoverPanel);
    if (!model || this.highlight < 0) {
      box.textContent = fieldText.hoverHint;
      return;
    }
    const st = this.state.store.get();
    const s = this.hoverPanel!.fixedS ?? st.s;
    const t = this.hoverPanel!.fixedT ?? st.t;
    box.textContent = fieldText.readout(s, t, model.readout(this.highlight, s) satisfies PointReadout);
  }
}
