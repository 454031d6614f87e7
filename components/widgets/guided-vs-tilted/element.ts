/**
 * <sf-guided-vs-tilted>: the tilted density p(x|y)^s p(x)^(1−s) at t = 0 beside what guided DDIM and DDPM actually
 * draw at the same s, with means and covariance ellipses and a table of both; or ("interval" view) guided samples
 * without and with a guidance interval, with the share of the class's minor mode.
 */
import { makeGrid } from '../../../lib/science/grid';
import type { Guidance } from '../../../lib/science/guidance';
import { sample, type SamplerName } from '../../../lib/science/samplers';
import { tiltedDensity, tiltedLogDensity } from '../../../lib/science/tilted';
import type { Denoiser } from '../../../lib/science/types';
import { guidanceInterval, type NotebookState } from '../../../lib/state/notebook';
import { opacityFromLog } from '../../../lib/views/density';
import { classComponentShares, covEllipse, gridMoments, minorComponent, spread, stds, type Moments } from '../../../lib/views/moments';
import { sampleMoments } from '../../../lib/science/metrics';
import { drawSamplePanel } from '../shared/sample-panel';
import { drawDensity, drawEllipse, beginPanel } from '../shared/canvas';
import { exactDenoiser, resolveDenoiser } from '../shared/denoisers';
import { WidgetElement } from '../shared/widget-element';
import { addFigureDownload } from '../shared/download-svg';
import { recordPanel } from '../shared/figure-record';
import { densityPanelSpec } from '../../../lib/views/svg/widgets';
import { widgetText } from '../shared/strings';
import { denoiserStatus, showStatus } from '../shared/status';
import { tiltText } from './strings';

const DRAW_GRID = makeGrid(96);
/** Moments on a wider, finer grid than the picture, so that no tail is cut off. */
const MOMENT_GRID = makeGrid(160, [-6, 6, -6, 6]);
/** Keys that do not change what is shown. */
const IGNORED: ReadonlySet<keyof NotebookState> = new Set([
  't',
  'view',
  'trails',
  'x0hat',
  'compare',
  's2',
  'rescale',
  'sweepExact',
  'sweepLearned',
  'sweepDdim',
  'sweepDdpm',
  'denoiser',
  'neg',
] as (keyof NotebookState)[]);

interface Panel {
  canvas: HTMLCanvasElement;
  title: HTMLElement;
}

interface Result {
  view: 'tilt' | 'interval';
  alpha: Uint8ClampedArray;
  tilt?: Moments;
  runs: { label: string; title: string; x: Float64Array; m: Moments; color: string }[];
  shares?: { label: string; minor?: number; major: number }[];
  learned: boolean;
}

/** Resolves after yielding to the browser when `budget` ms of work have passed since the last yield. */
function yielder(budget = 12): () => Promise<void> | void {
  let last = performance.now();
  return () => {
    if (performance.now() - last < budget) return;
    return new Promise<void>((r) => setTimeout(r, 0)).then(() => {
      last = performance.now();
    });
  };
}

export class GuidedVsTiltedElement extends WidgetElement {
  protected readonly resizePart = 'panels';
  private panels: Panel[] = [];
  private generation = 0;
  private result?: Result;

  protected setup(): void {
    this.panels = [...this.querySelectorAll<HTMLElement>('[data-panel]')].map((p) => ({
      canvas: p.querySelector('canvas')!,
      title: p.querySelector('.panel-title')!,
    }));
    this.el('preset').addEventListener('click', () =>
      this.state.store.set({ world: 'minor-mode', y: 0, neg: -1, s: 7.5, intervalLo: 0, intervalHi: 300, tiltView: 'interval' }),
    );
    addFigureDownload(this, this.el('legend').parentElement ?? this, { name: 'guided-vs-tilted', state: () => this.state.store.get() });
  }

  protected async start(): Promise<void> {
    await this.compute();
  }

  protected changed(_st: NotebookState, keys: ReadonlySet<keyof NotebookState>): void {
    if ([...keys].some((k) => !IGNORED.has(k))) void this.compute();
  }

  protected redraw(): void {
    this.draw();
  }

  protected backendReset(): void {
    if (this.state.store.get().tiltLearned) void this.compute();
  }

  private async compute(): Promise<void> {
    const generation = ++this.generation;
    const st = this.state.store.get();
    this.dataset.ready = 'false';
    this.el('progress').textContent = tiltText.computing;
    const exact = exactDenoiser(st.world, st.schedule);
    let denoiser: Denoiser = exact;
    let status = denoiserStatus({ name: 'exact' });
    if (st.tiltLearned) {
      showStatus(this, widgetText.learnedLoading);
      const shown = await resolveDenoiser({ ...st, denoiser: 'learned' });
      if (generation !== this.generation) return;
      denoiser = shown.denoiser;
      status = denoiserStatus({ ...shown, notice: undefined });
    }
    showStatus(this, status);
    const pause = yielder();
    const draw = async (sampler: SamplerName, guidance: Guidance) =>
      (await sample(denoiser, { sampler, eta: st.eta, steps: st.steps, n: st.n, y: st.y, seed: st.seed, guidance, onStep: pause })).x0;
    const colors = this.colors!;
    const classColor = colors.classes[st.y % colors.classes.length]!;
    const result: Result = { view: st.tiltView as 'tilt' | 'interval', alpha: new Uint8ClampedArray(0), runs: [], learned: denoiser.kind === 'learned' };
    if (st.tiltView === 'tilt') {
      result.alpha = opacityFromLog(tiltedLogDensity(exact, DRAW_GRID, st.y, st.s)).alpha;
      result.tilt = gridMoments(MOMENT_GRID, tiltedDensity(exact, MOMENT_GRID, st.y, st.s));
      for (const [i, sampler] of (['ddim', 'ddpm'] as const).entries()) {
        const x = await draw(sampler, { s: st.s });
        if (generation !== this.generation) return;
        result.runs.push({
          label: tiltText.rowSampler(sampler),
          title: tiltText.samplerTitle(sampler, st.s, result.learned),
          x,
          m: sampleMoments(x),
          color: colors.classes[i]!,
        });
      }
    } else {
      result.alpha = opacityFromLog(exact.logDensity(DRAW_GRID.points, 0, st.y)).alpha;
      const interval = guidanceInterval(st, exact.schedule.T);
      const sampler = st.sampler as SamplerName;
      const minor = minorComponent(exact.world, st.y);
      const shareRow = (label: string, x: Float64Array) => {
        const shares = classComponentShares(exact.world, x, st.y);
        const m = shares.find((c) => c.component === minor)?.share;
        return { label, minor: m, major: shares.reduce((acc, c) => acc + (c.component === minor ? 0 : c.share), 0) };
      };
      const base = await draw(sampler, { s: st.s });
      if (generation !== this.generation) return;
      const within = interval ? await draw(sampler, { s: st.s, interval }) : base;
      if (generation !== this.generation) return;
      const [lo, hi] = interval ?? [0, exact.schedule.T - 1];
      result.runs.push(
        { label: tiltText.rowWithout, title: tiltText.withoutTitle(sampler, st.s), x: base, m: sampleMoments(base), color: classColor },
        { label: tiltText.rowWith(lo, hi), title: tiltText.withTitle(sampler, st.s, lo, hi), x: within, m: sampleMoments(within), color: classColor },
      );
      const minorWeight = classComponentShares(exact.world, base, st.y).find((c) => c.component === minor)?.weight;
      result.shares = [
        shareRow(tiltText.rowWithout, base),
        shareRow(tiltText.rowWith(lo, hi), within),
        { label: tiltText.rowData, minor: minorWeight, major: minorWeight === undefined ? 1 : 1 - minorWeight },
      ];
      this.el('note').textContent = [interval ? '' : tiltText.noInterval, minor === undefined ? tiltText.noMinor : ''].filter(Boolean).join(' ');
    }
    if (st.tiltView === 'tilt') this.el('note').textContent = '';
    this.result = result;
    this.dataset.ready = 'true';
    this.dataset.view = result.view;
    this.el('progress').textContent = '';
    this.draw();
  }

  private draw(): void {
    const r = this.result;
    if (!this.colors || !r) return;
    const st = this.state.store.get();
    const colors = this.colors;
    const classColor = colors.classes[st.y % colors.classes.length]!;
    const tiltEllipse = r.tilt ? covEllipse(r.tilt.cov) : undefined;
    const [first, ...rest] = this.panels;
    const samplePanels = r.view === 'tilt' ? rest : [first!, rest[0]!];
    for (const p of this.panels) p.canvas.closest<HTMLElement>('[data-panel]')!.hidden = r.view === 'interval' && p === rest[1];
    if (r.view === 'tilt') {
      const { ctx, g } = beginPanel(first!.canvas, DRAW_GRID.extent);
      drawDensity(ctx, g, DRAW_GRID, r.alpha, classColor, 0.9);
      recordPanel(first!.canvas, () => densityPanelSpec(DRAW_GRID, r.alpha, classColor));
      drawEllipse(ctx, g, r.tilt!.mean, tiltEllipse!, colors.fg, true);
      first!.title.textContent = tiltText.tiltTitle(st.s);
      first!.canvas.setAttribute('aria-label', tiltText.tiltAlt(st.s, r.tilt!.mean, stds(r.tilt!)));
    }
    r.runs.forEach((run, i) => {
      const panel = samplePanels[i]!;
      const g = drawSamplePanel(panel.canvas, { densityGrid: DRAW_GRID, densityAlpha: r.alpha, x: run.x, colors, color: run.color });
      const ctx = panel.canvas.getContext('2d')!;
      if (r.tilt) drawEllipse(ctx, g, r.tilt.mean, tiltEllipse!, colors.fg, true);
      drawEllipse(ctx, g, run.m.mean, covEllipse(run.m.cov), colors.fg, false);
      panel.title.textContent = run.title;
      const n = run.x.length >> 1;
      panel.canvas.setAttribute(
        'aria-label',
        r.view === 'tilt' ? tiltText.samplesAlt(run.title, n, run.m.mean, stds(run.m), r.tilt?.mean) : tiltText.shareAlt(run.title, n, r.shares?.[i]?.minor),
      );
    });
    this.el('legend').textContent = r.view === 'tilt' ? tiltText.legend : tiltText.intervalLegend;
    this.fillTable(r);
  }

  private fillTable(r: Result): void {
    const table = this.el('table') as HTMLTableElement;
    const cell = (tag: 'th' | 'td', text: string, scope?: string) => {
      const c = document.createElement(tag);
      c.textContent = text;
      if (scope) (c as HTMLTableCellElement).scope = scope;
      return c;
    };
    const row = (cells: HTMLElement[]) => {
      const tr = document.createElement('tr');
      tr.append(...cells);
      return tr;
    };
    const head = document.createElement('thead');
    const body = document.createElement('tbody');
    if (r.view === 'tilt') {
      head.append(row(tiltText.headers.map((h) => cell('th', h, 'col'))));
      const rows: [string, Moments][] = [[tiltText.rowTilt, r.tilt!], ...r.runs.map((run) => [run.label, run.m] as [string, Moments])];
      for (const [label, m] of rows) {
        const [sx, sy] = stds(m);
        const tr = row([cell('th', label, 'row'), ...[m.mean[0], m.mean[1], sx, sy, spread(m)].map((v) => cell('td', tiltText.f2(v)))]);
        tr.dataset.row = label;
        body.append(tr);
      }
    } else {
      head.append(row(tiltText.shareHeaders.map((h) => cell('th', h, 'col'))));
      for (const s of r.shares ?? []) {
        const tr = row([cell('th', s.label, 'row'), cell('td', tiltText.pct(s.minor)), cell('td', tiltText.pct(s.major))]);
        body.append(tr);
      }
    }
    table.querySelector('thead')?.remove();
    table.querySelector('tbody')?.remove();
    table.append(head, body);
  }
}
