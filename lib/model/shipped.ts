/**
 * The shipped pretrained weights (public/weights/, produced by `npm run weights`): file names and
 * the documented training settings. A page loads them lazily from `${BASE_URL}/weights/<file>`.
 */
import type { Conditioning } from './network';

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
