/**
 * The shipped pretrained weights (public/weights/, produced by `npm run weights`): file names and
 * the documented training settings. A page loads them lazily from `${BASE_URL}/weights/<file>`.
 */
import type { Conditioning } from './network';
import { DEFAULT_WORLD } from '../science/worlds';

/**
 * The condition dropout of the models the figures show (but the p_uncond = 0 twin). With dropout in expectation it is
 * the weight of the ∅ branch's loss; at s = 7.5 the guided samples need ε_∅ as accurate as ε_y
 * (docs/model-quality.md, "The weight of the ∅ branch": two-gaussians `add` 2.93× the floor at 0.1, 2.65× at 0.3,
 * 2.00× at 0.5, same steps).
 */
export const SHIPPED_P_UNCOND = 0.5;
/** The condition dropout of the other worlds' other mechanisms, trained before that measurement and not since. */
const EARLIER_P_UNCOND = 0.1;

/**
 * The p_uncond of a shipped model (not the twin): SHIPPED_P_UNCOND for every model of the default world and for the
 * default mechanism's model of every other world, all retrained with it; EARLIER_P_UNCOND for the other worlds' other
 * mechanisms (4000 × 128 models, shown only when a reader picks their mechanism on a world other than the default).
 */
export function shippedPUncond(world: string, conditioning: Conditioning): number {
  return world === DEFAULT_WORLD || conditioning === DEFAULT_CONDITIONING ? SHIPPED_P_UNCOND : EARLIER_P_UNCOND;
}

/** Folder under public/ (and under the site's base URL). */
export const SHIPPED_DIR = 'weights';

/** The mechanism used when a caller asks for "the learned model of a world" without naming one. */
export const DEFAULT_CONDITIONING: Conditioning = 'add';

/** File name of a shipped model: `<world>-<conditioning>.json`, or `…-p0.json` for the p_uncond = 0 model. */
export function shippedWeightsFile(world: string, conditioning: Conditioning = DEFAULT_CONDITIONING, pUncondZero = false): string {
  return `${world}-${conditioning}${pUncondZero ? '-p0' : ''}.json`;
}

/** Path of a shipped model relative to the site root, e.g. `weights/two-gaussians-adanorm.json`. */
export function shippedWeightsPath(world: string, conditioning: Conditioning = DEFAULT_CONDITIONING, pUncondZero = false): string {
  return `${SHIPPED_DIR}/${shippedWeightsFile(world, conditioning, pUncondZero)}`;
}

/** One entry of public/weights/index.json (written by scripts/weights.ts, `npm run weights`). */
export interface ShippedEntry {
  file: string;
  world: string;
  conditioning: Conditioning;
  pUncond: number;
  steps: number;
  seed: number;
  finalLoss: number;
  parameters: number;
  bytes: number;
}
