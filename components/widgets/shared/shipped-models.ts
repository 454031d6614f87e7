/**
 * The shipped learned models (public/weights/), for the page and for the workers alike: the list is fetched once,
 * a model that was not shipped is refused with a reason (no failed request), a shipped one is fetched, validated
 * and built once per page or worker on the backend already active there.
 */
import { LearnedDenoiser, fetchWeights } from '../../../lib/model/denoiser';
import type { LoadedWeights } from '../../../lib/model/weights';
import type { Conditioning } from '../../../lib/model/network';
import { SHIPPED_DIR, shippedWeightsFile, shippedWeightsPath, type ShippedEntry } from '../../../lib/model/shipped';
import type { Schedule } from '../../../lib/science/schedule';
import type { World } from '../../../lib/science/types';
import { withBase } from '../../site/url';
import { widgetText } from './strings';
import { trackBackendModel } from './backend-models';
import { fetchText } from '../../../lib/model/fetch-text';

let index: Promise<ShippedEntry[]> | undefined;
const models = new Map<string, Promise<LearnedDenoiser>>();

/** The list of shipped models (public/weights/index.json), fetched once. */
function shippedModels(): Promise<ShippedEntry[]> {
  index ??= fetchText(siteUrl(`${SHIPPED_DIR}/index.json`)).then((text) => (JSON.parse(text) as { models?: ShippedEntry[] }).models ?? []);
  index.catch(() => (index = undefined));
  return index;
}

/** A site path as an absolute URL (a worker resolves against its own script URL, which has the page's origin). */
function siteUrl(path: string): string {
  return new URL(withBase(path), self.location.href).href;
}

const weights = new Map<string, Promise<LoadedWeights>>();

/** The validated weights of a shipped model (no tensors: may run before the backend is ready), fetched once. */
function shippedWeights(world: World, conditioning: string, pUncondZero: boolean): Promise<LoadedWeights> {
  const file = shippedWeightsFile(world.name, conditioning as Conditioning, pUncondZero);
  let w = weights.get(file);
  if (!w) {
    w = fetchWeights(siteUrl(shippedWeightsPath(world.name, conditioning as Conditioning, pUncondZero)), { world });
    weights.set(file, w);
    w.catch(() => weights.delete(file));
  }
  return w;
}

/** Starts downloading a shipped model's weights, if it was shipped (the list is fetched first), without waiting. */
export function prefetchShipped(world: World, conditioning: string, pUncondZero: boolean): void {
  const file = shippedWeightsFile(world.name, conditioning as Conditioning, pUncondZero);
  shippedModels()
    .then((list) => {
      if (list.some((m) => m.file === file)) void shippedWeights(world, conditioning, pUncondZero).catch(() => undefined);
    })
    .catch(() => undefined);
}

/**
 * The shipped denoiser of a world, mechanism and p_uncond (`pUncondZero`: the model trained without condition dropout),
 * for a schedule; throws with a reason the widgets show when there is none.
 */
export async function shippedDenoiser(world: World, conditioning: string, schedule: Schedule, pUncondZero: boolean): Promise<LearnedDenoiser> {
  const file = shippedWeightsFile(world.name, conditioning as Conditioning, pUncondZero);
  let model = models.get(file);
  if (!model) {
    model = shippedModels().then((list) => {
      if (!list.some((m) => m.file === file)) {
        const zero = list.filter((m) => m.pUncond === 0).map((m) => `${m.world} with ${m.conditioning}`);
        throw new Error(pUncondZero ? widgetText.noZeroModel(zero.join(', ') || 'none') : widgetText.noShippedModel(world.name, conditioning));
      }
      return shippedWeights(world, conditioning, pUncondZero).then((w) => trackBackendModel(LearnedDenoiser.fromWeights(w)));
    });
    models.set(file, model);
    model.catch(() => models.delete(file));
  }
  const denoiser = await model;
  if (denoiser.schedule.name !== schedule.name) {
    throw new Error(`the shipped model was trained with the ${denoiser.schedule.name} schedule, not ${schedule.name}`);
  }
  return denoiser;
}

/** Forgets every built model (their tensors died with a lost backend); they are rebuilt on next use. */
export function forgetShippedModels(): void {
  models.clear();
}
