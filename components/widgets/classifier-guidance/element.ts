/**
 * <sf-classifier-guidance>: the exact noisy classifier p_t(y | x_t) with its gradient; the shown model's implicit
 * classifier −(ε_y − ε_∅)/σ_t and its distance to it; classifier guidance against CFG at the shared s (identical for
 * exact scores, apart for a learned model). Below, a noisy classifier trained in this tab (a second network): its
 * accuracy per band of t, its gradient field, and samples guided by it beside CFG samples at the same s.
 */
import type { BandAccuracy, NoisyClassifier } from '../../../lib/model/classifier';
import { epsField } from '../../../lib/science/field';
import { makeGrid, type Grid } from '../../../lib/science/grid';
import { fidelity } from '../../../lib/science/metrics';
import { sample } from '../../../lib/science/samplers';
import { NULL_CLASS } from '../../../lib/science/types';
import type { NotebookState } from '../../../lib/state/notebook';
import { ClassifierGuidanceViewModel, rmsDifference, type ClassifierFrame, type ClfView } from '../../../lib/views/classifier-guidance';
import { opacityFromLog } from '../../../lib/views/density';
import { exactDenoiser, resolveDenoiser } from '../shared/denoisers';
import { addFigureDownload } from '../shared/download-svg';
import { widgetText } from '../shared/strings';
import { denoiserStatus, showStatus } from '../shared/status';
import { WidgetElement } from '../shared/widget-element';
import { drawSamplePanel } from '../shared/sample-panel';
import { drawFieldPanel, type FieldPanelOptions } from '../shared/field-panel';
import { clfText } from './strings';

const ARROW_GRID_N = 17;
const DENSITY_GRID_N = 64;
const SAMPLE_N = 400;
const SAMPLE_STEPS = 40;
const ACCURACY_BANDS = 5;
const ACCURACY_POINTS = 500;
/** Lets the page paint and handle input between pieces of work. */
const yieldToPage = () => new Promise<void>((r) => setTimeout(r, 0));
/** Keys after which the fields are computed again (s and the view only recombine). */
const RECOMPUTE_KEYS: ReadonlySet<keyof NotebookState> = new Set(['world', 'y', 't', 'schedule', 'denoiser', 'cond', 'backend', 'pUncond']);
/** Keys after which the guided samples are drawn again. */
const SAMPLE_KEYS: ReadonlySet<keyof NotebookState> = new Set(['world', 'y', 's', 'schedule', 'denoiser', 'cond', 'backend', 'pUncond', 'seed']);

interface Trained {
  classifier: NoisyClassifier;
  world: string;
  schedule: string;
  steps: number;
  seconds: number;
  backend: string;
  bands: BandAccuracy[];
}

export class ClassifierGuidanceElement extends WidgetElement {
  protected readonly resizePart = 'panels';
  private arrowGrid!: Grid;
  private densityGrid!: Grid;
  private canvases = new Map<string, HTMLCanvasElement>();
  private model?: ClassifierGuidanceViewModel;
  private computeToken = 0;
  private trained?: Trained;
  private trainedView?: { frame: ClassifierFrame; rms: number };
  private samples?: { s: number; cg: Float64Array; cfg: Float64Array; fidCg: number; fidCfg: number; y: number };
  private sampleToken = 0;
  private sampleTimer?: ReturnType<typeof setTimeout>;
  private abort?: AbortController;

  protected setup(): void {
    this.arrowGrid = makeGrid(ARROW_GRID_N);
    this.densityGrid = makeGrid(DENSITY_GRID_N);
    for (const c of this.querySelectorAll<HTMLCanvasElement>('canvas[data-panel]')) this.canvases.set(c.dataset.panel!, c);
    this.el('train').addEventListener('click', () => void this.train());
    this.el('cancel').addEventListener('click', () => this.abort?.abort());
    addFigureDownload(this, this.el('legend').parentElement ?? this, { name: 'classifier-guidance', state: () => this.state.store.get() });
  }

  protected override describe(key: keyof NotebookState, st: NotebookState): string | undefined {
    if (key !== 't') return undefined;
    const exact = exactDenoiser(st.world, st.schedule);
    return widgetText.tValue(st.t, exact.sigma(st.t), Math.sqrt(exact.alphaBar(st.t)));
  }

  protected async start(): Promise<void> {
    await this.compute(this.state.store.get());
  }

  protected changed(st: NotebookState, keys: ReadonlySet<keyof NotebookState>): void {
    if ([...keys].some((k) => RECOMPUTE_KEYS.has(k))) void this.compute(st);
    else if (keys.has('s') || keys.has('clfView')) this.render();
    if (this.trained && [...keys].some((k) => SAMPLE_KEYS.has(k))) this.scheduleSamples();
  }

  protected redraw(): void {
    this.render();
  }

  protected backendReset(): void {
    // The classifier's tensors lived on the lost backend: it has to be trained again.
    this.dropTrained();
    this.el('train-status').textContent = widgetText.contextRestored;
    void this.compute(this.state.store.get());
  }

  protected override teardown(): void {
    this.abort?.abort();
    clearTimeout(this.sampleTimer);
    this.dropTrained();
  }

  /** The exact model at once; then the learned one, if asked for; then the trained classifier's view of (t, y). */
  private async compute(st: NotebookState): Promise<void> {
    const token = ++this.computeToken;
    this.dataset.ready = 'false';
    const exact = exactDenoiser(st.world, st.schedule);
    const exactModel = new ClassifierGuidanceViewModel(exact, await epsField(exact, this.arrowGrid, st.t, st.y, NULL_CLASS), this.densityGrid);
    if (token !== this.computeToken) return;
    this.model = exactModel;
    this.dataset.denoiser = 'exact';
    this.render();
    if (st.denoiser !== 'exact') {
      showStatus(this, widgetText.learnedLoading);
      const shown = await resolveDenoiser(st);
      if (token !== this.computeToken) return;
      if (shown.fallback) showStatus(this, denoiserStatus(shown));
      else {
        const field = await epsField(shown.denoiser, this.arrowGrid, st.t, st.y, NULL_CLASS);
        if (token !== this.computeToken) return;
        this.model = new ClassifierGuidanceViewModel(exact, field, this.densityGrid);
        this.dataset.denoiser = shown.name;
        showStatus(this, denoiserStatus(shown));
      }
    } else showStatus(this, denoiserStatus({ name: 'exact' }));
    if (this.trained) await yieldToPage();
    await this.computeTrainedView(st, token);
    if (token !== this.computeToken) return;
    this.render();
    this.dataset.ready = 'true';
  }

  /** The trained classifier's posterior and gradient at the state's t and y (when it was trained for this world). */
  private async computeTrainedView(st: NotebookState, token: number): Promise<void> {
    this.trainedView = undefined;
    const tr = this.trained;
    if (!tr || !this.model || tr.world !== st.world || tr.schedule !== st.schedule) return;
    const y = new Int32Array(this.arrowGrid.points.length >> 1).fill(st.y);
    const posterior = await tr.classifier.posterior(this.densityGrid.points, st.t);
    const grad = await tr.classifier.gradLogProb(this.arrowGrid.points, st.t, y);
    if (token !== this.computeToken || !this.model) return;
    this.trainedView = { frame: this.model.classifierFrame(posterior, grad), rms: rmsDifference(grad, this.model.exactClassifier.grad) };
    this.dataset.trainedT = String(st.t);
  }

  private render(): void {
    const model = this.model;
    if (!this.colors || !model) return;
    const st = this.state.store.get();
    const exact = model.exact;
    const cls = exact.world.classes[st.y]?.name ?? String(st.y);
    const classColor = this.colors.classes[st.y % this.colors.classes.length]!;
    const learned = this.dataset.denoiser !== 'exact';
    const draw = (name: string, frame: FieldPanelOptions['frame']) => this.drawField(name, frame, classColor);

    const ec = model.exactClassifier;
    draw('exact', model.classifierPanel(ec));
    const share = ec.alpha.reduce((n, a) => n + (a >= 128 ? 1 : 0), 0) / ec.alpha.length;
    this.canvases.get('exact')!.setAttribute('aria-label', clfText.exactAlt(cls, model.t, clfText.boundary(share)));

    draw('implicit', model.classifierPanel({ ...ec, grad: model.implicitGrad }));
    this.el('implicit-title').textContent = clfText.implicitTitle(learned);
    this.el('implicit-readout').textContent = clfText.rms(model.rms, learned);
    this.canvases.get('implicit')!.setAttribute('aria-label', clfText.implicitAlt(cls, model.t, model.rms, learned));
    this.dataset.rms = String(model.rms);

    const c = model.compare(st.s);
    const view = st.clfView as ClfView;
    draw('compare', model.comparisonFrame(c, view));
    this.el('compare-title').textContent = clfText.compareTitle(st.s);
    this.el('compare-readout').textContent = clfText.maxDiff(c.maxAbs);
    this.canvases.get('compare')!.setAttribute('aria-label', clfText.compareAlt(st.s, c.maxAbs, clfText.viewNames[view]!));
    this.dataset.maxdiff = String(c.maxAbs);
    this.el('legend').textContent = clfText.legend(view);
    this.renderTrained(st, cls, classColor);
  }

  private renderTrained(st: NotebookState, cls: string, classColor: string): void {
    const tr = this.trained;
    const results = this.el('trained-results');
    results.hidden = !tr;
    if (!tr) return;
    if (tr.world !== st.world || tr.schedule !== st.schedule) {
      results.hidden = true;
      this.el('cost').textContent = clfText.staleWorld(tr.world);
      return;
    }
    this.el('cost').textContent = clfText.cost(tr.classifier.numParameters, tr.steps, tr.seconds, tr.backend, tr.world, tr.classifier.arch.numClasses);
    const tv = this.trainedView;
    this.el('trained-title').textContent = clfText.trainedTitle;
    if (tv && this.model) {
      this.drawField('trained', this.model.classifierPanel(tv.frame), classColor);
      this.el('trained-readout').textContent = clfText.trainedRms(tv.rms);
      this.canvases.get('trained')!.setAttribute('aria-label', clfText.trainedAlt(cls, st.t, tv.rms));
      this.dataset.trainedRms = String(tv.rms);
    }
    const sm = this.samples;
    const ready = sm && sm.y === st.y;
    const exact = exactDenoiser(st.world, st.schedule);
    const alpha = ready ? opacityFromLog(exact.logDensity(this.densityGrid.points, 0, st.y)).alpha : undefined;
    for (const which of ['cg', 'cfg'] as const) {
      this.el(`${which}-title`).textContent = clfText.samplesTitle(which, sm?.s ?? st.s);
      if (!sm || !alpha) {
        this.el(`${which}-readout`).textContent = clfText.sampling;
        continue;
      }
      const canvas = this.canvases.get(which)!;
      drawSamplePanel(canvas, { densityGrid: this.densityGrid, densityAlpha: alpha, x: sm[which], colors: this.colors!, color: classColor });
      const fid = which === 'cg' ? sm.fidCg : sm.fidCfg;
      this.el(`${which}-readout`).textContent = clfText.fidelity(fid);
      canvas.setAttribute('aria-label', clfText.samplesAlt(which, sm.s, SAMPLE_N, cls, fid));
    }
  }

  /** Trains a new noisy classifier for the state's world in slices that yield to the page; cancellable. */
  private async train(): Promise<void> {
    if (this.abort) return;
    const st = this.state.store.get();
    const exact = exactDenoiser(st.world, st.schedule);
    const status = this.el('train-status');
    const progress = this.el('progress') as HTMLProgressElement;
    const trainButton = this.el('train') as HTMLButtonElement;
    const cancel = this.el('cancel') as HTMLButtonElement;
    this.abort = new AbortController();
    const signal = this.abort.signal;
    trainButton.disabled = true;
    cancel.hidden = false;
    this.dataset.training = 'true';
    status.textContent = widgetText.loading;
    let classifier: NoisyClassifier | undefined;
    try {
      const [{ tfjsReady }, clf] = await Promise.all([import('../shared/learned'), import('../../../lib/model/classifier')]);
      const backend = await tfjsReady(st.backend);
      this.dropTrained();
      classifier = clf.NoisyClassifier.create(clf.defaultClassifierArchitecture(exact.numClasses, { T: exact.schedule.T }), st.seed);
      const trainer = new clf.ClassifierTrainer(classifier, { world: exact.world, schedule: exact.schedule, steps: st.clfSteps, seed: st.seed });
      const t0 = performance.now();
      let outcome: string;
      try {
        outcome = await trainer.run({
          signal,
          async: true,
          sliceMs: 20,
          progressEvery: 10,
          onProgress: (p) => {
            progress.value = p.step / p.steps;
            status.textContent = clfText.training(p.step, p.steps, p.smoothLoss, p.stepsPerSecond);
          },
        });
      } finally {
        trainer.dispose();
      }
      const seconds = (performance.now() - t0) / 1000;
      if (outcome !== 'done') {
        status.textContent = clfText.cancelled(trainer.stepCount);
        classifier.dispose();
        return;
      }
      await yieldToPage();
      const bands = await clf.accuracyByBand(classifier, exact, clf.timeBands(exact.schedule.T, ACCURACY_BANDS), ACCURACY_POINTS, st.seed);
      this.trained = { classifier, world: st.world, schedule: st.schedule, steps: trainer.stepCount, seconds, backend, bands };
      classifier = undefined;
      this.fillAccuracy(bands);
      status.textContent = '';
      this.dataset.trained = 'true';
      this.dataset.accuracy = JSON.stringify(bands);
      await yieldToPage();
      await this.compute(this.state.store.get());
      await yieldToPage();
      await this.drawSamples();
    } catch (err) {
      classifier?.dispose();
      status.textContent = clfText.failed(err instanceof Error ? err.message : String(err));
    } finally {
      this.abort = undefined;
      trainButton.disabled = false;
      trainButton.textContent = this.trained ? clfText.retrain : clfText.train;
      cancel.hidden = true;
      this.dataset.training = 'false';
    }
  }

  private fillAccuracy(bands: BandAccuracy[]): void {
    this.el('accuracy').replaceChildren(
      ...bands.map((b) => {
        const row = document.createElement('tr');
        clfText.accuracyRow(b).forEach((v, i) => {
          const cell = document.createElement(i === 0 ? 'th' : 'td');
          if (i === 0) cell.setAttribute('scope', 'row');
          cell.textContent = v;
          row.append(cell);
        });
        return row;
      }),
    );
  }

  private scheduleSamples(): void {
    clearTimeout(this.sampleTimer);
    this.sampleTimer = setTimeout(() => void this.drawSamples(), 150);
  }

  /** Samples guided by the trained classifier beside CFG samples of the shown denoiser, same s, seed and start. */
  private async drawSamples(): Promise<void> {
    const tr = this.trained;
    const st = this.state.store.get();
    if (!tr || tr.world !== st.world || tr.schedule !== st.schedule) return;
    const token = ++this.sampleToken;
    this.dataset.sampled = 'false';
    const shown = (await resolveDenoiser(st)).denoiser;
    const exact = exactDenoiser(st.world, st.schedule);
    // one step at a time, yielding to the page in between
    const common = { y: st.y, n: SAMPLE_N, steps: SAMPLE_STEPS, seed: st.seed, sampler: 'ddim' as const, onStep: yieldToPage };
    const cg = await sample(shown, { ...common, guidance: { method: 'classifier', s: st.s, classifierGrad: tr.classifier.gradFn() } });
    if (token !== this.sampleToken || this.trained !== tr) return;
    const cfg = await sample(shown, { ...common, guidance: { s: st.s } });
    if (token !== this.sampleToken || this.trained !== tr) return;
    this.samples = {
      s: st.s,
      y: st.y,
      cg: cg.x0,
      cfg: cfg.x0,
      fidCg: fidelity(exact.world, cg.x0, st.y),
      fidCfg: fidelity(exact.world, cfg.x0, st.y),
    };
    this.dataset.sampled = 'true';
    this.dataset.sampledS = String(st.s);
    this.dataset.fidelity = JSON.stringify({ cg: this.samples.fidCg, cfg: this.samples.fidCfg });
    this.render();
  }

  /** A field panel on the canvas of that name, over the class density. */
  private drawField(name: string, frame: FieldPanelOptions['frame'], classColor: string): void {
    drawFieldPanel(this.canvases.get(name)!, {
      frame,
      arrowGrid: this.arrowGrid,
      densityGrid: this.densityGrid,
      colors: this.colors!,
      densityColor: classColor,
    });
  }

  private dropTrained(): void {
    if (!this.trained) return;
    try {
      this.trained.classifier.dispose();
    } catch {
      /* a lost backend's tensors may refuse disposal; they are gone either way */
    }
    this.trained = undefined;
    this.trainedView = undefined;
    this.samples = undefined;
    this.dataset.trained = 'false';
  }
}
