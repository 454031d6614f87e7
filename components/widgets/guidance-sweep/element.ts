/**
 * <sf-guidance-sweep>: fidelity against diversity over a row of guidance scales, computed in a Web Worker
 * (lib/views/guidance-sweep.ts) and plotted point by point as they arrive; cancellable; hovering or focusing a point
 * shows its samples in the inset, Enter on a point sets the shared s.
 */
import { makeGrid } from '../../../lib/science/grid';
import { sampleMoments } from '../../../lib/science/metrics';
import { guidanceOf, type NotebookState } from '../../../lib/state/notebook';
import { SWEEP_SCALES, nearestScale, sweepSeries, sweetSpot, type SweepPoint, type SweepReply, type SweepRequest } from '../../../lib/views/guidance-sweep';
import { drawSamplePanel } from '../shared/sample-panel';
import { sweepChartSpec } from '../../../lib/views/svg/widgets';
import { addFigureDownload } from '../shared/download-svg';
import { WidgetElement } from '../shared/widget-element';
import { drawSweepPlot, seriesStyle } from './draw';
import { sweepText } from './strings';
import { showStatus } from '../shared/status';

/** The keys the sweep's numbers depend on; a change restarts it. (s only moves the marker.) */
const SWEEP_KEYS: ReadonlySet<keyof NotebookState> = new Set([
  'world',
  'y',
  'neg',
  'schedule',
  'cond',
  'pUncond',
  'steps',
  'eta',
  'n',
  'seed',
  'rescale',
  'intervalLo',
  'intervalHi',
  'rule',
  'sweepExact',
  'sweepLearned',
  'sweepDdim',
  'sweepDdpm',
] as (keyof NotebookState)[]);
const INSET_GRID = makeGrid(72);
const NO_DENSITY = new Uint8ClampedArray(INSET_GRID.nx * INSET_GRID.ny);

export class GuidanceSweepElement extends WidgetElement {
  protected readonly resizePart = 'plot';
  private worker?: Worker;
  private runId = 0;
  private running = false;
  private points: SweepPoint[] = [];
  private picked?: SweepPoint;
  private restartTimer?: number;
  private skipped: string[] = [];
  private backendName?: string;
  private density?: { key: string; alpha: Uint8ClampedArray };
  private insetKey = '';
  private legendKey = '';
  /** The plot's width, read on resize only (reading it on every point would force a layout). */
  private plotWidth = 0;
  private frameWork = new Map<string, () => void>();

  protected setup(): void {
    this.el('run').addEventListener('click', () => this.restart());
    this.el('cancel').addEventListener('click', () => this.cancel());
    addFigureDownload(this, this.el('run').parentElement ?? this, {
      name: 'guidance-sweep',
      state: () => this.state.store.get(),
      charts: () => [this.chart()],
    });
  }

  /** The plot as a chart for "Download SVG": the points so far, the current s ringed. */
  private chart() {
    const style = (series: string) => {
      const { color, dash } = seriesStyle(series, this.colors!);
      return { color, dashed: dash !== '', label: sweepText.seriesNames[series] ?? series };
    };
    const text = { title: sweepText.plotAlt, xLabel: sweepText.xAxis, yLabel: sweepText.yAxis };
    return sweepChartSpec(this.points, nearestScale(this.state.store.get().s), style, text);
  }

  protected override teardown(): void {
    clearTimeout(this.restartTimer);
    this.worker?.terminate();
    this.worker = undefined;
    this.running = false;
  }

  protected async start(): Promise<void> {
    this.restart();
  }

  protected changed(_st: NotebookState, keys: ReadonlySet<keyof NotebookState>): void {
    if ([...keys].some((k) => SWEEP_KEYS.has(k))) {
      clearTimeout(this.restartTimer);
      this.restartTimer = window.setTimeout(() => this.restart(), 250);
    } else this.draw();
  }

  protected redraw(): void {
    this.plotWidth = this.el('plot').clientWidth;
    this.legendKey = '';
    this.draw();
    this.drawInset(true);
  }

  protected backendReset(): void {
    /* the worker has its own tfjs (wasm or cpu): a lost WebGL context on the page does not touch it */
  }

  private ensureWorker(): Worker {
    if (!this.worker) {
      this.worker = new Worker(new URL('./sweep.worker.ts', import.meta.url), { type: 'module' });
      this.worker.onmessage = (e: MessageEvent<SweepReply>) => this.receive(e.data);
    }
    return this.worker;
  }

  /** A fresh sweep for the current state (the one in progress, if any, is abandoned). */
  private async restart(): Promise<void> {
    clearTimeout(this.restartTimer);
    const id = ++this.runId;
    const st = this.state.store.get();
    const series = sweepSeries(st);
    this.points = [];
    this.picked = undefined;
    this.insetKey = '';
    this.frameWork.clear();
    this.skipped = [];
    this.backendName = undefined;
    this.dataset.state = 'running';
    this.dataset.points = '0';
    if (series.length === 0) {
      this.running = false;
      this.dataset.state = 'idle';
      this.el('progress-text').textContent = sweepText.noSeries;
      this.draw();
      this.dataset.ready = 'true';
      return;
    }
    const { s: _s, ...guidance } = guidanceOf(st, 1);
    const req: SweepRequest = {
      type: 'run',
      id,
      world: st.world,
      schedule: st.schedule,
      series,
      settings: { y: st.y, guidance, steps: st.steps, eta: st.eta, n: st.n, seed: st.seed, scales: SWEEP_SCALES },
      learned: series.some((s) => s.denoiser === 'learned') ? { cond: st.cond, pUncond: st.pUncond, backend: st.backend } : undefined,
      densityGrid: INSET_GRID.nx,
    };
    this.running = true;
    this.syncButtons();
    this.setProgress(0, 1);
    this.ensureWorker().postMessage(req);
    this.draw();
    // Ready as the other widgets are: drawn and live (data-state says whether the sweep is still running).
    this.dataset.ready = 'true';
  }

  private cancel(): void {
    if (!this.running) return;
    this.worker?.postMessage({ type: 'cancel', id: this.runId });
    this.running = false;
    this.runId++; // late messages of the cancelled run are ignored
    this.frameWork.delete('progress');
    this.dataset.state = 'cancelled';
    this.el('progress-text').textContent = sweepText.cancelled(this.points.length);
    this.syncButtons();
  }

  private receive(msg: SweepReply): void {
    if (msg.id !== this.runId) return;
    // Every reply's main-thread work is measured ('sweep-main' entries): the responsiveness check reads them.
    const t0 = performance.now();
    try {
      this.handle(msg);
    } finally {
      performance.measure('sweep-main', { start: t0, end: performance.now() });
    }
  }

  private handle(msg: SweepReply): void {
    switch (msg.type) {
      case 'density':
        this.density = { key: this.densityKey(), alpha: msg.alpha };
        this.schedule(() => this.drawInset(true), 'inset');
        break;
      case 'point':
        this.points.push(msg.point);
        this.dataset.points = String(this.points.length);
        this.schedule(() => this.draw());
        break;
      case 'progress':
        this.schedule(() => this.setProgress(msg.done, msg.total), 'progress');
        break;
      case 'series-error':
        this.skipped.push(sweepText.learnedSkipped(msg.message));
        break;
      case 'done':
        this.frameWork.delete('progress');
        this.running = false;
        this.backendName = msg.backend;
        this.dataset.state = msg.cancelled ? 'cancelled' : 'done';
        this.dataset.workerTensors = String(msg.tensors);
        this.dataset.ms = String(Math.round(msg.ms));
        this.el('progress-text').textContent = sweepText.finished(this.points.length, msg.ms / 1000);
        (this.el('bar') as HTMLProgressElement).value = 1;
        this.syncButtons();
        this.draw();
        break;
    }
  }

  /** Runs `fn` at the next animation frame, once per frame and kind however many messages arrive before it. */
  private schedule(fn: () => void, kind = 'draw'): void {
    const first = this.frameWork.size === 0;
    this.frameWork.set(kind, fn);
    if (!first) return;
    requestAnimationFrame(() => {
      const t0 = performance.now();
      const work = [...this.frameWork.values()];
      this.frameWork.clear();
      for (const f of work) f();
      performance.measure('sweep-main', { start: t0, end: performance.now() });
    });
  }

  private setProgress(done: number, total: number): void {
    (this.el('bar') as HTMLProgressElement).value = done / Math.max(1, total);
    this.el('progress-text').textContent = sweepText.progress(done, total, this.points.length);
  }

  private syncButtons(): void {
    (this.el('cancel') as HTMLButtonElement).disabled = !this.running;
  }

  private draw(): void {
    if (!this.colors) return;
    const st = this.state.store.get();
    const current = nearestScale(st.s);
    this.plotWidth ||= this.el('plot').clientWidth;
    drawSweepPlot(this.querySelector('svg[data-part="svg"]')!, this.points, {
      width: this.plotWidth,
      colors: this.colors,
      current,
      onPick: (p) => {
        this.picked = p;
        this.drawInset();
      },
      onChoose: (p) => this.state.store.set({ s: p.s }),
    });
    this.drawLegend();
    this.drawInset();
    const bySeries = new Map<string, SweepPoint[]>();
    for (const p of this.points) bySeries.set(p.series, [...(bySeries.get(p.series) ?? []), p]);
    const rows = [...bySeries]
      .filter(([, ps]) => ps.length > 1)
      .map(([series, ps]) => {
        const [a, b] = [ps[0]!, ps.at(-1)!];
        return { series, s0: a.s, s1: b.s, fid0: a.fidelity, fid1: b.fidelity, div0: a.logDetCov, div1: b.logDetCov };
      });
    const spots = [...bySeries].filter(([, ps]) => ps.length > 1).map(([series, ps]) => ({ series, ...sweetSpot(ps) }));
    this.el('summary').textContent = `${sweepText.summary(rows)} ${sweepText.sweet(spots)} ${sweepText.current(st.s, current)}`;
    showStatus(this, { plain: this.skipped.join(' · '), about: this.backendName ? sweepText.backendIs(this.backendName) : undefined });
  }

  private drawLegend(): void {
    const legend = this.el('legend');
    const series = sweepSeries(this.state.store.get()).map((s) => `${s.denoiser}-${s.sampler}`);
    const key = `${series.join(',')}|${this.colors!.classes.join(',')}`;
    if (key === this.legendKey) return;
    this.legendKey = key;
    legend.replaceChildren(
      ...series.map((key) => {
        const li = document.createElement('li');
        const { color, dash } = seriesStyle(key, this.colors!);
        const swatch = document.createElement('span');
        swatch.className = 'swatch';
        swatch.style.borderTop = `3px ${dash ? 'dashed' : 'solid'} ${color}`;
        li.append(swatch, sweepText.seriesNames[key] ?? key);
        return li;
      }),
    );
  }

  private densityKey(): string {
    const st = this.state.store.get();
    return `${st.world}|${st.schedule}|${st.y}`;
  }

  private drawInset(force = false): void {
    if (!this.colors) return;
    const st = this.state.store.get();
    const canvas = this.querySelector<HTMLCanvasElement>('canvas[data-part="inset"]')!;
    const shown = this.picked ?? this.points.find((p) => p.s === nearestScale(st.s));
    // Drawn again only when what it shows changes (a new point arriving elsewhere leaves it as it is).
    const key = `${shown ? `${shown.series}|${shown.s}` : ''}|${this.density?.key}|${canvas.clientWidth}`;
    if (!force && key === this.insetKey) return;
    this.insetKey = key;
    const title = this.el('inset-title');
    // The class density comes from the worker with each run; until then (or if it is stale) no shading.
    const alpha = this.density?.key === this.densityKey() ? this.density.alpha : NO_DENSITY;
    const x = shown ? Float64Array.from(shown.samples) : new Float64Array(0);
    const color = shown ? seriesStyle(shown.series, this.colors).color : this.colors.fg;
    drawSamplePanel(canvas, { densityGrid: INSET_GRID, densityAlpha: alpha, x, colors: this.colors, color });
    title.textContent = shown ? sweepText.insetTitle(shown.series, shown.s) : sweepText.insetEmpty;
    canvas.setAttribute('aria-label', shown ? sweepText.insetAlt(shown.series, shown.s, x.length >> 1, sampleMoments(x).mean) : sweepText.insetEmpty);
    canvas.dataset.shown = shown ? `${shown.series}|${shown.s}` : '';
  }
}
