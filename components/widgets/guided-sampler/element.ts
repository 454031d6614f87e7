/**
 * <sf-guided-sampler>: N particles start from N(0, I) and flow through the guided reverse process (DDIM or DDPM),
 * animated with play, pause, step and reset, over the true class density; metrics of the final cloud beside it.
 * Compare mode runs the same seed at two guidance scales side by side.
 */
import { reportSamplerFinished } from '../../embed/widget-events';
import { makeGrid, type Grid } from '../../../lib/science/grid';
import { sampleMoments } from '../../../lib/science/metrics';
import type { SamplerName } from '../../../lib/science/samplers';
import { guidanceOf, type NotebookState } from '../../../lib/state/notebook';
import { opacityFromLog } from '../../../lib/views/density';
import { SamplerRun } from '../../../lib/views/sampler-run';
import { exactDenoiser, resolveDenoiser } from '../shared/denoisers';
import { WidgetElement } from '../shared/widget-element';
import { widgetText } from '../shared/strings';
import { denoiserStatus, showStatus } from '../shared/status';
import { whenSeenFor } from '../shared/when-visible';
import { drawSamplePanel } from '../shared/sample-panel';
import { addFigureDownload } from '../shared/download-svg';
import { samplerText } from './strings';

const DENSITY_GRID_N = 96;
const TRAIL_PARTICLES = 60;
/** autoplay=visible: how long the figure stays on screen untouched before it plays by itself. */
const AUTOPLAY_AFTER_MS = 4000;
/** Keys that define a run: a change starts a new one. */
const RUN_KEYS: ReadonlySet<keyof NotebookState> = new Set([
  'world',
  'y',
  'neg',
  's',
  's2',
  'compare',
  'schedule',
  'sampler',
  'steps',
  'eta',
  'n',
  'seed',
  'denoiser',
  'cond',
  'backend',
  'pUncond',
  'rescale',
  'intervalLo',
  'intervalHi',
  'rule',
]);
/** Keys that change the drawing only; the keys of other widgets on the page change nothing here. */
const DRAW_KEYS: ReadonlySet<keyof NotebookState> = new Set(['trails', 'x0hat', 't', 'view']);

interface Lane {
  canvas: HTMLCanvasElement;
  title: HTMLElement;
  metrics: HTMLElement;
  /** Says how many particles left the view, under the panel. */
  offscreen: HTMLElement;
  run?: SamplerRun;
}

export class GuidedSamplerElement extends WidgetElement {
  protected readonly resizePart = 'lanes';
  private lanes: Lane[] = [];
  private densityGrid: Grid = makeGrid(DENSITY_GRID_N);
  private densityAlpha?: Uint8ClampedArray;
  private playing = false;
  private generation = 0;
  private reducedMotion = matchMedia('(prefers-reduced-motion: reduce)').matches;
  /** The reader has pressed Play (or autoplay=visible started it): later changes sample again at once. */
  private engaged = false;
  private stopAutoplay?: () => void;

  protected setup(): void {
    this.lanes = [...this.querySelectorAll<HTMLElement>('[data-lane]')].map((lane) => ({
      canvas: lane.querySelector('canvas')!,
      title: lane.querySelector('[data-part="lane-title"]')!,
      metrics: lane.querySelector('[data-part="lane-metrics"]')!,
      offscreen: lane.querySelector('[data-part="offscreen"]')!,
    }));
    addFigureDownload(this, this.el('progress').parentElement ?? this, { name: 'guided-sampler', state: () => this.state.store.get() });
    this.el('play').addEventListener('click', () => {
      this.engaged = true;
      if (this.playing) this.pause();
      else this.play();
    });
    // Any touch of the figure means the reader is in charge: autoplay=visible no longer starts it.
    for (const type of ['pointerdown', 'keydown', 'input']) this.addEventListener(type, () => this.stopAutoplay?.(), { once: true });
    this.el('step').addEventListener('click', () => {
      this.pause();
      void this.advance();
    });
    this.el('reset').addEventListener('click', () => {
      this.pause();
      void this.reset();
    });
  }

  protected override teardown(): void {
    this.pause();
    this.stopAutoplay?.();
  }

  /** Ready, but waiting for the presenter: Play starts it (autoplay=visible: also a while on screen untouched). */
  protected async start(): Promise<void> {
    await this.reset(this.engaged && !this.reducedMotion);
    if (this.state.store.get().autoplay === 'visible' && !this.reducedMotion) {
      this.stopAutoplay = whenSeenFor(this, AUTOPLAY_AFTER_MS, () => {
        this.engaged = true;
        this.play();
      });
    }
  }

  /** Whether a change of the state samples again at once: once the reader has played it, and motion is welcome. */
  private get replays(): boolean {
    return (this.engaged && !this.reducedMotion) || this.playing;
  }

  protected changed(_st: NotebookState, keys: ReadonlySet<keyof NotebookState>): void {
    if ([...keys].some((k) => RUN_KEYS.has(k))) void this.reset(this.replays);
    else if ([...keys].some((k) => DRAW_KEYS.has(k))) this.draw();
  }

  protected redraw(): void {
    this.draw();
  }

  protected backendReset(): void {
    void this.reset(this.playing);
  }

  /** A new model of the reader's: sample with it as after any change of the state. */
  protected override readerModelChanged(): void {
    void this.reset(this.replays);
  }

  /** New runs for the current state (same seed: same start); plays on if `autoplay`. */
  private async reset(autoplay = false): Promise<void> {
    const generation = ++this.generation;
    this.playing = false;
    const st = this.state.store.get();
    const exact = exactDenoiser(st.world, st.schedule);
    this.densityAlpha = opacityFromLog(exact.logDensity(this.densityGrid.points, 0, st.y)).alpha;
    showStatus(this, st.denoiser !== 'exact' ? widgetText.learnedLoading : '');
    const shown = await resolveDenoiser(st);
    if (generation !== this.generation) return;
    showStatus(this, denoiserStatus(shown));
    this.dataset.denoiser = shown.name;
    const scales = st.compare ? [st.s2, st.s] : [st.s];
    this.lanes.forEach((lane, i) => {
      const s = scales[i];
      lane.canvas.closest<HTMLElement>('[data-lane]')!.hidden = s === undefined;
      const guidance = s === undefined ? undefined : guidanceOf(st, s, exact.schedule.T);
      lane.run =
        guidance === undefined
          ? undefined
          : new SamplerRun(shown.denoiser, exact.world, {
              y: st.y,
              guidance,
              sampler: st.sampler as SamplerName,
              eta: st.eta,
              steps: st.steps,
              n: st.n,
              seed: st.seed,
              trails: TRAIL_PARTICLES,
            });
      if (guidance) lane.title.textContent = samplerText.panelTitle(guidance.s, guidance);
    });
    this.dataset.ready = 'true';
    this.draw();
    if (autoplay) this.play();
  }

  private play(): void {
    if (this.playing) return;
    // Play after the run has finished plays it again from the same start.
    if (this.lanes.some((l) => l.run) && this.lanes.every((l) => !l.run || l.run.finished)) {
      void this.reset(true);
      return;
    }
    this.playing = true;
    this.syncButtons();
    const generation = this.generation;
    const loop = async () => {
      while (this.playing && generation === this.generation) {
        if (!(await this.advance())) break;
        await new Promise((r) => requestAnimationFrame(r));
      }
      if (generation === this.generation) this.pause();
    };
    void loop();
  }

  private pause(): void {
    this.playing = false;
    this.syncButtons();
  }

  /** One step of every lane; false when all have finished. */
  private async advance(): Promise<boolean> {
    const runs = this.lanes.map((l) => l.run).filter((r): r is SamplerRun => !!r);
    let stepped: boolean[];
    try {
      stepped = await Promise.all(runs.map((r) => r.step()));
    } catch (e) {
      // a rule of the rule cell that fails mid-run (NaN, infinity, time): stop and say why
      this.el('status').textContent = samplerText.runStopped(e instanceof Error ? e.message : String(e));
      return false;
    }
    this.draw();
    const more = stepped.some(Boolean) && runs.some((r) => !r.finished);
    if (!more && runs.length && runs.every((r) => r.finished)) reportSamplerFinished(runs, this.state.store.get());
    return more;
  }

  private syncButtons(): void {
    const play = this.el('play');
    play.textContent = this.playing ? samplerText.pause : samplerText.play;
    play.setAttribute('aria-pressed', String(this.playing));
    this.dataset.playing = String(this.playing);
  }

  private draw(): void {
    if (!this.colors || !this.densityAlpha) return;
    const st = this.state.store.get();
    const world = exactDenoiser(st.world, st.schedule).world;
    const classColor = this.colors.classes[st.y % this.colors.classes.length]!;
    for (const lane of this.lanes) {
      const run = lane.run;
      if (!run) continue;
      const ghosts = st.x0hat && !run.finished ? run.x0Hat : undefined;
      drawSamplePanel(lane.canvas, {
        densityGrid: this.densityGrid,
        densityAlpha: this.densityAlpha,
        x: run.x,
        paths: st.trails ? run.paths : [],
        x0Hat: ghosts,
        colors: this.colors,
        color: classColor,
        offscreenNote: lane.offscreen,
      });
      const metrics = run.finished ? run.metrics() : undefined;
      lane.canvas.setAttribute(
        'aria-label',
        samplerText.alt({
          s: run.settings.guidance.s,
          sampler: run.settings.sampler,
          steps: run.total,
          n: run.settings.n,
          done: run.done,
          className: world.classes[st.y]?.name ?? String(st.y),
          mean: sampleMoments(run.x).mean,
          fidelity: metrics?.fidelity,
        }) + (lane.offscreen.hidden ? '' : ` ${lane.offscreen.textContent}`),
      );
      lane.metrics.replaceChildren();
      if (metrics) {
        for (const [name, value] of samplerText.metricsRows(metrics)) {
          const row = document.createElement('tr');
          const th = document.createElement('th');
          th.scope = 'row';
          th.textContent = name!;
          const td = document.createElement('td');
          td.textContent = value!;
          row.append(th, td);
          lane.metrics.append(row);
        }
      }
      lane.metrics.closest('table')!.dataset.finished = String(run.finished);
    }
    const first = this.lanes[0]?.run;
    if (first) this.el('progress').textContent = samplerText.progress(first.done, first.total, first.t);
  }
}
