/**
 * The training lab's worker: trains a fresh DenoiserModel with lib/model's Trainer (the same code as the Node CLI) off
 * the main thread, on the tfjs backend of the site's policy (shared/backend-policy.ts: the page's preferred backend,
 * remembered or guessed, else the first of webgl through OffscreenCanvas, wasm, cpu that loads; not measured here). It posts progress every few steps and, every `snapshotEvery` steps and at the end, the weights in
 * the documented weight-file format; the latest snapshot (or a loaded file) also answers field requests: the learned
 * ε_∅, ε_y on the arrow grid at (t, y) and the p_t-weighted ε RMSE of both branches against the exact model.
 * Messages: lib/views/training-lab.ts (ToWorker, FromWorker).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { BackendChoice } from '../../../lib/model/backend';
import { LearnedDenoiser } from '../../../lib/model/denoiser';
import { DenoiserModel } from '../../../lib/model/network';
import { epsErrorByBand, slicedWassersteinTable } from '../../../lib/model/quality';
import { RECIPE, recipeArchitecture, recipeTrainOptions } from '../../../lib/model/recipe';
import { Trainer, TrainingDivergedError, trainedWeights } from '../../../lib/model/train';
import { parseWeights, stringifyWeights, type LoadedWeights } from '../../../lib/model/weights';
import { epsField } from '../../../lib/science/field';
import { makeGrid } from '../../../lib/science/grid';
import { makeSchedule, type ScheduleName } from '../../../lib/science/schedule';
import { worldOfKey } from '../../../lib/science/world-key';
import type { World } from '../../../lib/science/types';
import {
  LAB_ARROW_GRID_N,
  LAB_QUALITY,
  PROGRESS_EVERY,
  factsOf,
  meanBandError,
  type FromWorker,
  type ToWorker,
  type TrainRequest,
} from '../../../lib/views/training-lab';
import { chooseBackend } from '../shared/backend-policy';

const post = (m: FromWorker, transfer: Transferable[] = []): void => (self as unknown as Worker).postMessage(m, transfer);

let backend: Promise<BackendChoice> | undefined;
function ready(override?: string): Promise<BackendChoice> {
  // The page sends its preferred backend (remembered or guessed, backend-memory.ts): training starts without measuring.
  backend ??= chooseBackend({ webgl: typeof OffscreenCanvas !== 'undefined', measure: false, override }).then((choice) => {
    post({ type: 'backend', summary: choice.summary, backend: choice.backend });
    return choice;
  });
  // No backend (offline, a chunk that failed to load) is final for this worker: a failed import stays in its module
  // map. The page drops a worker that reports an error before its backend and starts a fresh one (worker-client.ts).
  return backend;
}

interface Job {
  run: number;
  trainer: Trainer;
  model: DenoiserModel;
  abort: AbortController;
  snapshotEvery: number;
  lastSnapshot: number;
  t0: number;
  seconds: number;
}
let job: Job | null = null;
/** The model the field panel shows: the latest snapshot, or a loaded file. */
let shown: { denoiser: LearnedDenoiser; world: World } | null = null;
let fieldWanted: { t: number; y: number; schedule: string } | null = null;
let fieldBusy: Promise<void> = Promise.resolve();

function endJob(): void {
  if (!job) return;
  job.abort.abort();
  job.trainer.dispose();
  job.model.dispose();
  job = null;
}

/** Shows a model in the field panel: a weight file's text (loaded, validated) or a snapshot's weights. */
function show(weights: string | LoadedWeights): void {
  const w = typeof weights === 'string' ? parseWeights(weights) : weights;
  const next = { denoiser: LearnedDenoiser.fromWeights(w), world: w.world.definition };
  shown?.denoiser.model.dispose();
  shown = next;
}

/** Posts the current weights of the job (the EMA weights) and shows them in the field panel. */
function snapshot(j: Job): string {
  const { meta, values } = trainedWeights(j.trainer, { backend: tf.getBackend(), seconds: j.seconds + (performance.now() - j.t0) / 1000 });
  const text = stringifyWeights(meta, values);
  j.lastSnapshot = j.trainer.stepCount;
  show({ ...meta, values });
  post({ type: 'snapshot', run: j.run, step: j.trainer.stepCount, text, facts: factsOf(meta) });
  requestField();
  requestQuality(j.run, j.trainer.stepCount);
  return text;
}

/** The quality readout of the shown model: sliced Wasserstein to exact samples at s = 1 against the Monte-Carlo floor. */
function requestQuality(run: number, step: number): void {
  fieldBusy = fieldBusy.then(async () => {
    const cur = shown;
    const world = cur?.world;
    if (!cur || !world) return;
    try {
      const [row] = await slicedWassersteinTable(cur.denoiser, world, {
        scales: [LAB_QUALITY.s],
        n: LAB_QUALITY.n,
        steps: LAB_QUALITY.steps,
        seed: LAB_QUALITY.seed,
      });
      post({ type: 'quality', run, step, s: row!.s, sw: row!.learned, floor: row!.floor, ratio: row!.ratio });
    } catch (e) {
      post({ type: 'error', message: e instanceof Error ? e.message : String(e) });
    }
  });
}

/** Computes the field the page last asked for, on the shown model (one at a time; the newest request wins). */
function requestField(): void {
  fieldBusy = fieldBusy.then(async () => {
    const want = fieldWanted;
    const cur = shown;
    if (!want || !cur) return;
    const world = cur.world;
    try {
      const field = await epsField(cur.denoiser, makeGrid(LAB_ARROW_GRID_N), want.t, want.y);
      const bands = await epsErrorByBand(cur.denoiser, world, { timesteps: 4, n: 128 });
      const epsUncond = Float64Array.from(field.epsUncond);
      const epsCond = Float64Array.from(field.epsCond);
      post({ type: 'field', t: want.t, y: want.y, epsUncond, epsCond, rmse: meanBandError(bands) }, [epsUncond.buffer, epsCond.buffer]);
    } catch (e) {
      post({ type: 'error', message: e instanceof Error ? e.message : String(e) });
    }
  });
}

/** A fresh network and its trainer for a request of the lab. */
function newTrainer(r: TrainRequest): { model: DenoiserModel; trainer: Trainer } {
  const world = worldOfKey(r.world);
  if (!world) throw new Error(`unknown world ${r.world}`);
  const schedule = makeSchedule(r.schedule as ScheduleName);
  const model = DenoiserModel.create(recipeArchitecture(r.conditioning, world.classes.length, schedule.name, RECIPE), r.seed);
  const trainer = new Trainer(model, {
    world,
    schedule,
    pUncond: r.pUncond,
    dropout: r.dropout,
    lr: r.lr,
    steps: r.steps,
    seed: r.seed,
    ...recipeTrainOptions(RECIPE),
  });
  return { model, trainer };
}

async function runJob(j: Job): Promise<void> {
  j.abort = new AbortController();
  j.t0 = performance.now();
  let points: { step: number; loss: number }[] = [];
  try {
    const outcome = await j.trainer.run({
      signal: j.abort.signal,
      progressEvery: PROGRESS_EVERY,
      onProgress: (p) => {
        if (job !== j) return;
        points.push({ step: p.step, loss: p.loss });
        post({
          type: 'progress',
          run: j.run,
          progress: { step: p.step, steps: p.steps, loss: p.loss, smoothLoss: p.smoothLoss, lr: p.lr, stepsPerSecond: p.stepsPerSecond, points },
        });
        points = [];
        if (p.step - j.lastSnapshot >= j.snapshotEvery && p.step < p.steps) snapshot(j);
      },
    });
    if (job !== j) return;
    j.seconds += (performance.now() - j.t0) / 1000;
    j.t0 = performance.now();
    if (j.lastSnapshot !== j.trainer.stepCount) snapshot(j);
    post({ type: 'done', run: j.run, step: j.trainer.stepCount, outcome });
  } catch (e) {
    if (job !== j) return;
    if (e instanceof TrainingDivergedError) {
      let text: string | undefined;
      try {
        text = snapshot(j);
      } catch {
        /* the last snapshot posted holds the last good weights */
      }
      post({ type: 'diverged', run: j.run, message: e.message, text });
    } else post({ type: 'error', message: e instanceof Error ? e.message : String(e) });
  }
}

self.onmessage = async (e: MessageEvent<ToWorker>) => {
  const m = e.data;
  try {
    switch (m.type) {
      case 'train': {
        endJob();
        await ready(m.backend);
        const { model, trainer } = newTrainer(m.request);
        job = { run: m.run, trainer, model, abort: new AbortController(), snapshotEvery: m.snapshotEvery, lastSnapshot: 0, t0: 0, seconds: 0 };
        await runJob(job);
        break;
      }
      case 'warm': {
        await ready(m.backend);
        if (job) break; // Train came first: its own first step warms up
        const { model, trainer } = newTrainer(m.request);
        try {
          trainer.step();
        } finally {
          trainer.dispose();
          model.dispose();
        }
        break;
      }
      case 'pause':
        job?.abort.abort();
        break;
      case 'resume':
        if (job && !job.trainer.done && !job.trainer.error) await runJob(job);
        break;
      case 'load':
        endJob();
        await ready(m.backend);
        show(m.text);
        requestField();
        break;
      case 'field':
        fieldWanted = { t: m.t, y: m.y, schedule: m.schedule };
        requestField();
        break;
    }
  } catch (err) {
    post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
};
