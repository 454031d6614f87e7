/**
 * <sf-training-lab>: trains the toy denoiser in a module Web Worker (train.worker.ts) so the page never freezes, draws
 * the loss curve and, on every weight snapshot, the learned guided field beside the exact one (the score-field
 * explorer's view model and drawing, not a copy), with the ε error of both branches. "Use this model" makes the
 * result the page's reader model (shared/reader-model.ts) and sets denoiser=trained; the lab's latest model and its
 * loss history are kept in IndexedDB, can be exported as a weight file and imported from one (validated).
 */
import { reportWidgetEvent } from '../../embed/events';
import { parseWeights, worldFingerprint } from '../../../lib/model/weights';
import { T_DEFAULT } from '../../../lib/science/schedule';
import { limitText } from '../../../lib/text/limit';
import { isActive, labControls, labNotes, nextPhase, type LabEvent, type LabPhase } from '../../../lib/views/lab-phase';
import { formatNumber } from '../../../lib/state/params';
import type { NotebookState } from '../../../lib/state/notebook';
import { LossHistory, progressFraction, secondsLeft, trainRequestOf, factsOf } from '../../../lib/views/training-lab';
import type { FromWorker, TrainProgress, ModelFacts } from '../../../lib/views/training-lab';
import { exactDenoiser } from '../shared/denoisers';
import { addFigureDownload } from '../shared/download-svg';
import { loadRecord, saveRecord, setReaderModel } from '../shared/reader-model';
import { WidgetElement } from '../shared/widget-element';
import { showStatus } from '../shared/status';
import { preferredBackend } from '../shared/backend-memory';
import { drawLossCurve, drawLossCurveSoon, lossChart } from './draw';
import { downloadWeights, readWeightFile } from './file-io';
import { LabFields } from './fields';
import { labText } from './strings';
import { LabWorker } from './worker-client';

/** Weight snapshots (and field refreshes) every this many steps. */
const SNAPSHOT_EVERY = 200;
/** Keys whose change needs a new field (exact at once, learned from the worker). */
const FIELD_KEYS: ReadonlySet<keyof NotebookState> = new Set(['world', 'y', 't', 'schedule']);

export class TrainingLabElement extends WidgetElement {
  protected readonly resizePart = 'panels';
  private readonly worker = new LabWorker(
    (m) => this.onMessage(m),
    (message) => this.workerFailed(message),
  );
  private run = 0;
  private phase: LabPhase = 'idle';
  private history = new LossHistory();
  private planned = 0;
  /** The lab's current model: the latest snapshot, a restored or an imported weight file. */
  private modelText: string | null = null;
  private modelWorld = '';
  private modelFingerprint = '';
  private modelPUncond: number | undefined;
  private modelSteps = 0;
  private readonly fields = new LabFields();
  private quality?: Extract<FromWorker, { type: 'quality' }>;
  private lastQuarter = 0;
  /** Messages from the worker so far, by type (for tests and the benchmark). */
  readonly counts: Record<string, number> = {};
  /** For tests and the benchmark: the last progress message, the worker's backend and when it was ready (performance.now()). */
  lastProgress?: TrainProgress;
  backendSummary = '';
  backendAt?: number;

  protected setup(): void {
    this.button('train').addEventListener('click', () => this.train());
    this.button('pause').addEventListener('click', () => this.togglePause());
    this.button('reset').addEventListener('click', () => this.reset());
    this.button('use').addEventListener('click', () => void this.useModel());
    this.button('export').addEventListener('click', () => this.modelText && downloadWeights(this.modelText));
    const charts = () => [lossChart(this.history, this.planned || this.state.store.get().trainSteps)];
    addFigureDownload(this, this.button('train').parentElement ?? this, { name: 'training-lab', state: () => this.state.store.get(), charts });
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
    if (await this.fields.computeExact(this.state.store.get())) this.drawFields();
    const saved = await loadRecord('lab');
    if (saved && this.phase === 'idle' && !this.modelText) {
      try {
        this.adopt(saved.text);
        this.history = new LossHistory(saved.history);
        this.go('loaded');
        this.planned = this.history.lastStep;
        this.announce(labText.announce.restored(this.modelSteps));
        this.worker.post({ type: 'load', text: saved.text, backend: preferredBackend(this.state.store.get().backend).backend });
        this.requestField();
      } catch {
        /* a stored model that no longer validates is ignored */
      }
    }
    this.render();
    this.dataset.ready = 'true';
    this.worker.warmWhenIdle(() => (this.phase === 'idle' ? this.state.store.get() : undefined));
  }

  protected changed(st: NotebookState, keys: ReadonlySet<keyof NotebookState>): void {
    if ([...keys].some((k) => FIELD_KEYS.has(k))) {
      void this.fields.computeExact(st).then((fresh) => fresh && this.drawFields());
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
    this.worker.terminate();
  }

  private button(name: string): HTMLButtonElement {
    return this.el(name) as HTMLButtonElement;
  }

  // ---------- the worker ----------

  private go(event: LabEvent): void {
    this.phase = nextPhase(this.phase, event, this.modelText !== null);
  }

  /** The worker died (offline Train, a crash): it was dropped, the phase leaves the run, the next Train starts anew. */
  private workerFailed(message: string): void {
    this.run++;
    this.go('worker-failed');
    this.lastProgress = undefined;
    this.message(labText.workerError(message));
    this.render();
  }

  private onMessage(m: FromWorker): void {
    this.counts[m.type] = (this.counts[m.type] ?? 0) + 1;
    if ('run' in m && m.run !== this.run) return;
    switch (m.type) {
      case 'backend':
        this.backendSummary = m.summary;
        this.backendAt = performance.now();
        showStatus(this, { plain: labText.statusPlain, about: labText.statusAbout(m.summary) });
        break;
      case 'progress': {
        const was = this.phase;
        this.go('progress');
        this.lastProgress = m.progress;
        for (const p of m.progress.points) this.history.add(p.step, p.loss);
        const quarter = Math.floor(progressFraction(m.progress.step, m.progress.steps) * 4);
        if (quarter > this.lastQuarter && quarter < 4) {
          this.lastQuarter = quarter;
          this.announce(labText.announce.quarter(25 * quarter, m.progress.smoothLoss));
        }
        // the first step turns "starting" into "running": its words, buttons and data-phase follow at once
        if (this.phase !== was) this.render();
        else this.renderProgress();
        break;
      }
      case 'snapshot':
        this.adopt(m.text, m.facts);
        void saveRecord('lab', { text: m.text, history: this.history.toJSON() });
        this.render();
        break;
      case 'done':
        if (m.outcome === 'done') {
          this.go('finished');
          this.announce(labText.announce.done(m.step, this.lastProgress?.smoothLoss ?? NaN));
          reportWidgetEvent('training-lab', 'training-finished', { steps: m.step, loss: this.lastProgress?.smoothLoss });
        } else {
          this.go('stopped');
          this.announce(labText.announce.paused(m.step));
        }
        if (this.modelText) void saveRecord('lab', { text: this.modelText, history: this.history.toJSON() });
        this.render();
        break;
      case 'diverged':
        this.go('diverged');
        if (m.text) this.adopt(m.text);
        this.message(labText.diverged(m.message));
        this.render();
        break;
      case 'field':
        this.onField(m);
        break;
      case 'quality':
        this.quality = m;
        this.renderRmse();
        break;
      case 'error':
        this.message(labText.workerError(m.message));
        if (this.phase === 'starting') this.lastProgress = undefined;
        this.go('error');
        this.render();
        break;
    }
  }

  // ---------- actions ----------

  private train(): void {
    const st = this.state.store.get();
    this.run++;
    this.go('train');
    this.history = new LossHistory();
    this.planned = st.trainSteps;
    this.lastQuarter = 0;
    this.lastProgress = undefined;
    this.message('');
    this.worker.post({
      type: 'train',
      run: this.run,
      request: trainRequestOf(st),
      snapshotEvery: SNAPSHOT_EVERY,
      backend: preferredBackend(st.backend).backend,
    });
    this.requestField();
    this.announce(labText.announce.started(st.trainSteps));
    this.render();
  }

  private togglePause(): void {
    if (this.phase === 'running' || this.phase === 'starting') {
      this.worker.post({ type: 'pause' });
      this.go('pause');
    } else if (this.phase === 'paused') {
      this.worker.post({ type: 'resume' });
      this.go('resume');
      this.announce(labText.announce.resumed);
    }
    this.render();
  }

  /** Stops training at once (the worker is terminated, its tensors go with it) and clears the run. */
  private reset(): void {
    this.worker.terminate();
    this.run++;
    this.go('reset');
    this.history = new LossHistory();
    this.lastProgress = undefined;
    this.modelText = null;
    this.fields.clearLearned();
    this.quality = undefined;
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
      this.message(e instanceof Error ? e.message : String(e));
    }
  }

  /** Validates a weight file against the selected world and schedule; a bad one is refused with the reasons, the current model kept. */
  private async importFile(file: File): Promise<void> {
    const st = this.state.store.get();
    const read = await readWeightFile(file, { world: exactDenoiser(st.world, st.schedule).world, schedule: { name: st.schedule, T: T_DEFAULT } });
    if (!('text' in read)) {
      this.message(labText.importRefused(file.name, read.problems));
      return;
    }
    const { text } = read;
    if (isActive(this.phase)) this.reset();
    this.run++;
    this.adopt(text);
    this.history = new LossHistory();
    this.go('loaded');
    this.message('');
    this.worker.post({ type: 'load', text, backend: preferredBackend(st.backend).backend });
    this.requestField();
    void saveRecord('lab', { text, history: [] });
    this.announce(labText.announce.imported(file.name));
    this.render();
  }

  /** Makes a (validated) weight file the lab's current model; `facts` spares parsing it again (a worker snapshot). */
  private adopt(text: string, facts: ModelFacts = factsOf(parseWeights(text))): void {
    this.modelText = text;
    this.modelWorld = facts.world;
    this.modelFingerprint = facts.fingerprint;
    this.modelPUncond = facts.pUncond;
    this.modelSteps = facts.steps;
    this.planned = Math.max(this.planned, facts.steps);
  }

  // ---------- fields ----------

  private requestField(): void {
    const st = this.state.store.get();
    if (!this.worker.alive) {
      this.drawFields();
      return;
    }
    this.worker.post({ type: 'field', t: st.t, y: st.y, schedule: st.schedule });
  }

  private onField(m: Extract<FromWorker, { type: 'field' }>): void {
    const st = this.state.store.get();
    if (m.t !== st.t || m.y !== st.y || !this.modelOnWorld(st) || !this.modelText) return;
    this.fields.setLearned(st, m);
    this.dataset.fieldStep = String(this.lastProgress?.step ?? this.modelSteps);
    this.drawFields();
    this.renderRmse();
  }

  private drawFields(): void {
    if (!this.colors || !this.fields.exact) return;
    const st = this.state.store.get();
    const world = exactDenoiser(st.world, st.schedule).world;
    const className = world.classes[st.y]?.name ?? String(st.y);
    const sText = formatNumber(st.s, 0.1);
    const exactCanvas = this.el('exact') as HTMLCanvasElement;
    const learnedCanvas = this.el('learned') as HTMLCanvasElement;
    const drawn = this.fields.draw(exactCanvas, learnedCanvas, this.colors, st, this.modelOnWorld(st));
    exactCanvas.setAttribute('aria-label', labText.fieldAlt('exact model', sText, st.t, className));
    this.el('exact-caption').textContent = labText.exactCaption(sText);
    this.dataset.learnedDrawn = String(drawn);
    const note = this.notes(drawn).panel;
    this.dataset.panelNote = note;
    const msg = labText.panel(note, { s: sText, world: this.modelWorld, every: SNAPSHOT_EVERY });
    this.el('learned-caption').textContent = msg;
    learnedCanvas.setAttribute('aria-label', drawn ? `${labText.fieldAlt('your model', sText, st.t, className)} ${this.rmseText()}` : msg);
  }

  /** The lab's words for its phase (lib/views/lab-phase.ts labNotes). */
  private notes(drawn: boolean) {
    const sameWorld = this.modelOnWorld(this.state.store.get());
    return labNotes(this.phase, { progress: this.lastProgress !== undefined, model: this.modelText !== null, sameWorld, drawn });
  }

  /** Whether the lab's model was trained on the state's world (by fingerprint: the reader's world may share a name). */
  private modelOnWorld(st: NotebookState): boolean {
    return this.modelFingerprint === worldFingerprint(exactDenoiser(st.world, st.schedule).world);
  }

  private rmseText(): string {
    const r = this.fields.rmse;
    return r ? labText.rmse(r.cond, r.uncond, this.modelPUncond) : '';
  }

  private renderRmse(): void {
    const box = this.el('rmse');
    const r = this.fields.rmse;
    const q = this.quality;
    box.textContent = this.fields.learned ? this.rmseText() + (q ? ` ${labText.quality(q.s, q.sw, q.floor, q.ratio, q.step)}` : '') : '';
    if (q) box.dataset.swRatio = String(q.ratio);
    if (r) {
      box.dataset.cond = String(r.cond);
      box.dataset.uncond = String(r.uncond);
    }
  }

  // ---------- text and state ----------

  private render(): void {
    const controls = labControls(this.phase, this.modelText !== null);
    this.dataset.phase = this.phase;
    const pause = this.button('pause');
    pause.disabled = !controls.pause.enabled;
    pause.textContent = controls.pause.resume ? labText.resume : labText.pause;
    pause.setAttribute('aria-pressed', String(controls.pause.resume));
    this.button('train').disabled = !controls.train;
    this.button('reset').disabled = !controls.reset;
    this.button('use').disabled = !controls.use;
    this.button('export').disabled = !controls.export;
    this.renderProgress();
    drawLossCurve(this.el('loss') as unknown as SVGSVGElement, this.history, this.planned || this.state.store.get().trainSteps);
    this.drawFields();
    this.renderRmse();
  }

  private renderProgress(): void {
    const p = this.lastProgress;
    const bar = this.el('bar') as HTMLProgressElement;
    const text = this.el('progress');
    const note = this.notes(this.dataset.learnedDrawn === 'true').line;
    this.dataset.lineNote = note;
    if (note === 'starting') bar.removeAttribute('value');
    else bar.value = p ? progressFraction(p.step, p.steps) : this.modelText ? 1 : 0;
    const left = note === 'progress' && p ? secondsLeft(p.step, p.steps, p.stepsPerSecond) : undefined;
    text.textContent = labText.line(note, p && { ...p, secondsLeft: left }, this.history.lastStep || this.modelSteps);
    if (!p) return;
    this.dataset.step = String(p.step);
    this.dataset.loss = String(p.smoothLoss);
    if (this.phase === 'running') drawLossCurveSoon(this.el('loss') as unknown as SVGSVGElement, () => [this.history, this.planned]);
  }

  private announce(text: string): void {
    this.el('live').textContent = text;
  }

  private message(text: string): void {
    const box = this.el('message');
    box.textContent = limitText(text);
    box.hidden = text === '';
  }
}
