/**
 * <sf-training-lab>: trains the toy denoiser in a module Web Worker (train.worker.ts) so the page never freezes, draws
 * the loss curve and, on every weight snapshot, the learned guided field beside the exact one (the score-field
 * explorer's view model and drawing, not a copy), with the ε error of both branches. "Use this model" makes the
 * result the page's reader model (shared/reader-model.ts) and sets denoiser=trained; the lab's latest model and its
 * loss history are kept in IndexedDB, can be exported as a weight file and imported from one (validated).
 */
import { reportWidgetEvent } from '../../embed/events';
import { parseWeights, WeightFileError } from '../../../lib/model/weights';
import { epsField, type EpsField } from '../../../lib/science/field';
import { makeGrid, type Grid } from '../../../lib/science/grid';
import { getBuiltinWorld } from '../../../lib/science/worlds';
import { formatNumber } from '../../../lib/state/params';
import type { NotebookState } from '../../../lib/state/notebook';
import { ScoreFieldViewModel } from '../../../lib/views/score-field';
import {
  LAB_ARROW_GRID_N,
  LossHistory,
  progressFraction,
  secondsLeft,
  type FromWorker,
  type ToWorker,
  type TrainProgress,
  factsOf,
  type ModelFacts,
} from '../../../lib/views/training-lab';
import { exactDenoiser } from '../shared/denoisers';
import { loadRecord, saveRecord, setReaderModel } from '../shared/reader-model';
import { WidgetElement } from '../shared/widget-element';
import { preferredBackend } from '../shared/backend-memory';
import { drawFieldPanel } from '../shared/field-panel';
import { drawLossCurve } from './draw';
import { labText } from './strings';

const DENSITY_GRID_N = 72;
/** Weight snapshots (and field refreshes) every this many steps. */
const SNAPSHOT_EVERY = 200;
/** Keys whose change needs a new field (exact at once, learned from the worker). */
const FIELD_KEYS: ReadonlySet<keyof NotebookState> = new Set(['world', 'y', 't', 'schedule']);

type Phase = 'idle' | 'starting' | 'running' | 'paused' | 'done';

export class TrainingLabElement extends WidgetElement {
  protected readonly resizePart = 'panels';
  private worker: Worker | null = null;
  private run = 0;
  private phase: Phase = 'idle';
  private history = new LossHistory();
  private planned = 0;
  /** The lab's current model: the latest snapshot, a restored or an imported weight file. */
  private modelText: string | null = null;
  private modelWorld = '';
  private modelPUncond: number | undefined;
  private modelSteps = 0;
  private arrowGrid!: Grid;
  private densityGrid!: Grid;
  private exactModel?: ScoreFieldViewModel;
  private learnedModel?: ScoreFieldViewModel;
  private rmse?: { cond: number; uncond: number };
  private lastQuarter = 0;
  private fieldToken = 0;
  /** Messages from the worker so far, by type (for tests and the benchmark). */
  readonly counts: Record<string, number> = {};
  /** The last progress message (for tests and the benchmark). */
  lastProgress?: TrainProgress;
  backendSummary = '';

  protected setup(): void {
    this.arrowGrid = makeGrid(LAB_ARROW_GRID_N);
    this.densityGrid = makeGrid(DENSITY_GRID_N);
    this.button('train').addEventListener('click', () => this.train());
    this.button('pause').addEventListener('click', () => this.togglePause());
    this.button('reset').addEventListener('click', () => this.reset());
    this.button('use').addEventListener('click', () => void this.useModel());
    this.button('export').addEventListener('click', () => this.exportModel());
    const file = this.el('import') as HTMLInputElement;
    file.addEventListener('change', () => {
      const f = file.files?.[0];
      file.value = '';
      if (f) void this.importFile(f);
    });
  }

  protected override describe(key: keyof NotebookState, st: NotebookState): string | undefined {
    if (key === 'trainPUncond') return `p_uncond = ${formatNumber(st.trainPUncond, 0.05)}`;
    return undefined;
  }

  protected async start(): Promise<void> {
    await this.computeExact(this.state.store.get());
    const saved = await loadRecord('lab');
    if (saved && this.phase === 'idle' && !this.modelText) {
      try {
        this.adopt(saved.text);
        this.history = new LossHistory(saved.history);
        this.phase = 'done';
        this.planned = this.history.lastStep;
        this.announce(labText.announce.restored(this.modelSteps));
        this.post({ type: 'load', text: saved.text, backend: preferredBackend(this.state.store.get().backend).backend });
        this.requestField();
      } catch {
        /* a stored model that no longer validates is ignored */
      }
    }
    this.render();
    this.dataset.ready = 'true';
  }

  protected changed(st: NotebookState, keys: ReadonlySet<keyof NotebookState>): void {
    if ([...keys].some((k) => FIELD_KEYS.has(k))) {
      void this.computeExact(st);
      this.requestField();
    } else if (keys.has('s')) this.drawFields();
    if (keys.has('trainSteps') && this.phase === 'idle') this.render();
  }

  protected redraw(): void {
    this.render();
  }

  /** The lab's own model lives in the worker; what it put on the page is rebuilt by the reader-model registry. */
  protected backendReset(): void {
    this.requestField();
  }

  protected override teardown(): void {
    this.worker?.terminate();
    this.worker = null;
  }

  private button(name: string): HTMLButtonElement {
    return this.el(name) as HTMLButtonElement;
  }

  // ---------- the worker ----------

  private ensureWorker(): Worker {
    if (!this.worker) {
      this.worker = new Worker(new URL('./train.worker.ts', import.meta.url), { type: 'module' });
      this.worker.onmessage = (e: MessageEvent<FromWorker>) => this.onMessage(e.data);
      this.worker.onerror = (e) => this.fail(labText.workerError(e.message || 'unknown error'));
    }
    return this.worker;
  }

  private post(m: ToWorker): void {
    this.ensureWorker().postMessage(m);
  }

  private onMessage(m: FromWorker): void {
    this.counts[m.type] = (this.counts[m.type] ?? 0) + 1;
    if ('run' in m && m.run !== this.run) return;
    switch (m.type) {
      case 'backend':
        this.backendSummary = m.summary;
        this.el('status').textContent = labText.backend(m.summary);
        break;
      case 'progress': {
        if (this.phase === 'starting') this.phase = 'running';
        this.lastProgress = m.progress;
        for (const p of m.progress.points) this.history.add(p.step, p.loss);
        const quarter = Math.floor(progressFraction(m.progress.step, m.progress.steps) * 4);
        if (quarter > this.lastQuarter && quarter < 4) {
          this.lastQuarter = quarter;
          this.announce(labText.announce.quarter(25 * quarter, m.progress.smoothLoss));
        }
        this.renderProgress();
        break;
      }
      case 'snapshot':
        this.adopt(m.text, m.facts);
        void saveRecord('lab', { text: m.text, history: this.history.toJSON() });
        this.render();
        break;
      case 'done':
        if (m.outcome === 'done') {
          this.phase = 'done';
          this.announce(labText.announce.done(m.step, this.lastProgress?.smoothLoss ?? NaN));
          reportWidgetEvent('training-lab', 'training-finished', { steps: m.step, loss: this.lastProgress?.smoothLoss });
        } else {
          this.phase = 'paused';
          this.announce(labText.announce.paused(m.step));
        }
        if (this.modelText) void saveRecord('lab', { text: this.modelText, history: this.history.toJSON() });
        this.render();
        break;
      case 'diverged':
        this.phase = 'done';
        if (m.text) this.adopt(m.text);
        this.fail(labText.diverged(m.message));
        this.render();
        break;
      case 'field':
        this.onField(m);
        break;
      case 'error':
        this.fail(labText.workerError(m.message));
        if (this.phase === 'starting' || this.phase === 'running') this.phase = this.modelText ? 'done' : 'idle';
        this.render();
        break;
    }
  }

  // ---------- actions ----------

  private train(): void {
    const st = this.state.store.get();
    this.run++;
    this.phase = 'starting';
    this.history = new LossHistory();
    this.planned = st.trainSteps;
    this.lastQuarter = 0;
    this.lastProgress = undefined;
    this.message('');
    this.post({
      type: 'train',
      run: this.run,
      request: {
        world: st.world,
        conditioning: st.cond,
        pUncond: st.trainPUncond,
        dropout: st.trainDropout,
        lr: st.trainLr,
        steps: st.trainSteps,
        seed: st.seed,
        schedule: st.schedule,
      },
      snapshotEvery: SNAPSHOT_EVERY,
      backend: preferredBackend(st.backend).backend,
    });
    this.requestField();
    this.announce(labText.announce.started(st.trainSteps));
    this.render();
  }

  private togglePause(): void {
    if (this.phase === 'running' || this.phase === 'starting') {
      this.post({ type: 'pause' });
      this.phase = 'paused';
    } else if (this.phase === 'paused') {
      this.post({ type: 'resume' });
      this.phase = 'running';
      this.announce(labText.announce.resumed);
    }
    this.render();
  }

  /** Stops training at once (the worker is terminated, its tensors go with it) and clears the run. */
  private reset(): void {
    this.worker?.terminate();
    this.worker = null;
    this.run++;
    this.phase = 'idle';
    this.history = new LossHistory();
    this.lastProgress = undefined;
    this.modelText = null;
    this.learnedModel = undefined;
    this.rmse = undefined;
    this.message('');
    this.announce(labText.announce.reset);
    this.render();
  }

  private async useModel(): Promise<void> {
    if (!this.modelText) return this.message(labText.noModel);
    try {
      const { stored } = await setReaderModel({ text: this.modelText, history: this.history.toJSON() });
      this.message(stored ? '' : labText.notStored);
      this.state.store.set({ denoiser: 'trained' });
      this.announce(labText.announce.used);
    } catch (e) {
      this.fail(e instanceof Error ? e.message : String(e));
    }
  }

  private exportModel(): void {
    if (!this.modelText) return;
    const w = parseWeights(this.modelText);
    const name = `scorefield-${w.world.name}-${w.architecture.conditioning}-p${w.training.pUncond}-${w.training.steps}.json`;
    const url = URL.createObjectURL(new Blob([this.modelText], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  /** Validates a weight file against the selected world; a bad one is refused with the reasons, the current model kept. */
  private async importFile(file: File): Promise<void> {
    const st = this.state.store.get();
    let text: string;
    try {
      text = await file.text();
      parseWeights(text, { world: getBuiltinWorld(st.world) });
    } catch (e) {
      const problems = e instanceof WeightFileError ? e.problems : [e instanceof Error ? e.message : String(e)];
      this.fail(labText.importRefused(file.name, problems));
      return;
    }
    if (this.phase === 'running' || this.phase === 'starting' || this.phase === 'paused') this.reset();
    this.run++;
    this.adopt(text);
    this.history = new LossHistory();
    this.phase = 'done';
    this.message('');
    this.post({ type: 'load', text, backend: preferredBackend(st.backend).backend });
    this.requestField();
    void saveRecord('lab', { text, history: [] });
    this.announce(labText.announce.imported(file.name));
    this.render();
  }

  /** Makes a (validated) weight file the lab's current model; `facts` spares parsing it again (a worker snapshot). */
  private adopt(text: string, facts: ModelFacts = factsOf(parseWeights(text))): void {
    this.modelText = text;
    this.modelWorld = facts.world;
    this.modelPUncond = facts.pUncond;
    this.modelSteps = facts.steps;
    this.planned = Math.max(this.planned, facts.steps);
  }

  // ---------- fields ----------

  private async computeExact(st: NotebookState): Promise<void> {
    const token = ++this.fieldToken;
    const exact = exactDenoiser(st.world, st.schedule);
    const field = await epsField(exact, this.arrowGrid, st.t, st.y);
    if (token !== this.fieldToken) return;
    this.exactModel = new ScoreFieldViewModel(exact, field, this.densityGrid);
    if (this.learnedModel && (this.learnedModel.field.t !== st.t || this.learnedModel.field.y !== st.y)) this.learnedModel = undefined;
    this.drawFields();
  }

  private requestField(): void {
    const st = this.state.store.get();
    if (!this.worker) {
      this.drawFields();
      return;
    }
    this.post({ type: 'field', t: st.t, y: st.y, schedule: st.schedule });
  }

  private onField(m: Extract<FromWorker, { type: 'field' }>): void {
    const st = this.state.store.get();
    if (m.t !== st.t || m.y !== st.y || this.modelWorld !== st.world || !this.modelText) return;
    const exact = exactDenoiser(st.world, st.schedule);
    const field: EpsField = { grid: this.arrowGrid, t: m.t, y: m.y, uncond: -1, epsUncond: m.epsUncond, epsCond: m.epsCond };
    this.learnedModel = new ScoreFieldViewModel(exact, field, this.densityGrid, this.exactModel?.field);
    this.rmse = m.rmse;
    this.dataset.fieldStep = String(this.lastProgress?.step ?? this.modelSteps);
    this.drawFields();
    this.renderRmse();
  }

  private drawFields(): void {
    if (!this.colors || !this.exactModel) return;
    const st = this.state.store.get();
    const world = exactDenoiser(st.world, st.schedule).world;
    const className = world.classes[st.y]?.name ?? String(st.y);
    const sText = formatNumber(st.s, 0.1);
    const classColor = this.colors.classes[st.y % this.colors.classes.length]!;
    const scale = Math.min(this.exactModel.scaleFor('guided'), this.learnedModel?.scaleFor('guided') ?? Infinity);
    const exactCanvas = this.el('exact') as HTMLCanvasElement;
    drawFieldPanel(exactCanvas, {
      frame: this.exactModel.frame(st.s, 'guided', scale),
      arrowGrid: this.arrowGrid,
      densityGrid: this.densityGrid,
      colors: this.colors,
      densityColor: classColor,
    });
    exactCanvas.setAttribute('aria-label', labText.fieldAlt('exact model', sText, st.t, className));
    this.el('exact-caption').textContent = labText.exactCaption(sText);
    const learnedCanvas = this.el('learned') as HTMLCanvasElement;
    const caption = this.el('learned-caption');
    if (this.learnedModel && this.modelWorld === st.world) {
      drawFieldPanel(learnedCanvas, {
        frame: this.learnedModel.frame(st.s, 'guided', scale),
        arrowGrid: this.arrowGrid,
        densityGrid: this.densityGrid,
        colors: this.colors,
        densityColor: classColor,
      });
      learnedCanvas.setAttribute('aria-label', `${labText.fieldAlt('your model', sText, st.t, className)} ${this.rmseText()}`);
      caption.textContent = labText.learnedCaption(sText);
      this.dataset.learnedDrawn = 'true';
    } else {
      learnedCanvas.getContext('2d')?.clearRect(0, 0, learnedCanvas.width, learnedCanvas.height);
      const msg = this.modelText && this.modelWorld !== st.world ? labText.otherWorld(this.modelWorld) : labText.idle;
      learnedCanvas.setAttribute('aria-label', msg);
      caption.textContent = msg;
      this.dataset.learnedDrawn = 'false';
    }
  }

  private rmseText(): string {
    return this.rmse ? labText.rmse(this.rmse.cond, this.rmse.uncond, this.modelPUncond) : '';
  }

  private renderRmse(): void {
    const box = this.el('rmse');
    box.textContent = this.learnedModel ? this.rmseText() : '';
    if (this.rmse) {
      box.dataset.cond = String(this.rmse.cond);
      box.dataset.uncond = String(this.rmse.uncond);
    }
  }

  // ---------- text and state ----------

  private render(): void {
    const running = this.phase === 'running' || this.phase === 'starting';
    this.dataset.phase = this.phase;
    const pause = this.button('pause');
    pause.disabled = !(running || this.phase === 'paused');
    pause.textContent = this.phase === 'paused' ? labText.resume : labText.pause;
    pause.setAttribute('aria-pressed', String(this.phase === 'paused'));
    this.button('reset').disabled = this.phase === 'idle' && !this.modelText;
    this.button('use').disabled = !this.modelText;
    this.button('export').disabled = !this.modelText;
    this.renderProgress();
    drawLossCurve(this.el('loss') as unknown as SVGSVGElement, this.history, this.planned || this.state.store.get().trainSteps);
    this.drawFields();
    this.renderRmse();
  }

  private renderProgress(): void {
    const p = this.lastProgress;
    const bar = this.el('bar') as HTMLProgressElement;
    const text = this.el('progress');
    if (this.phase === 'starting' && !p) {
      bar.removeAttribute('value');
      text.textContent = labText.starting;
      return;
    }
    if (!p) {
      bar.value = this.modelText ? 1 : 0;
      text.textContent = this.modelText ? labText.announce.restored(this.history.lastStep || this.modelSteps) : labText.idle;
      return;
    }
    bar.value = progressFraction(p.step, p.steps);
    text.textContent = labText.progress({ ...p, secondsLeft: this.phase === 'running' ? secondsLeft(p.step, p.steps, p.stepsPerSecond) : undefined });
    this.dataset.step = String(p.step);
    this.dataset.loss = String(p.smoothLoss);
    if (this.phase === 'running') this.throttledCurve();
  }

  private curvePending = false;
  private throttledCurve(): void {
    if (this.curvePending) return;
    this.curvePending = true;
    requestAnimationFrame(() => {
      this.curvePending = false;
      drawLossCurve(this.el('loss') as unknown as SVGSVGElement, this.history, this.planned);
    });
  }

  private announce(text: string): void {
    this.el('live').textContent = text;
  }

  private message(text: string): void {
    const box = this.el('message');
    box.textContent = text;
    box.hidden = text === '';
  }

  private fail(text: string): void {
    this.message(text);
  }
}
