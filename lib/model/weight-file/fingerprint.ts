import type { World } from '../../science/types';
import { normaliseWorld } from '../../science/world-format';
import { crc32Hex } from './bytes';

/**
 * A fingerprint of what a model learns from a world: class names, priors and components
 * (not the name or description) of the normalised world, rounded to 9 significant digits (so
 * that re-normalising a parsed definition does not change it), as the CRC-32 of a canonical JSON text.
 */
export function worldFingerprint(world: World): string {
  const r = (x: number): number => Number(x.toPrecision(9));
  const canon = normaliseWorld(world).classes.map((c) => ({
    name: c.name,
    prior: r(c.prior),
    components: c.components.map((k) => ({
      weight: r(k.weight),
      mean: [r(k.mean[0]), r(k.mean[1])],
      cov: [r(k.cov[0][0]), r(k.cov[0][1]), r(k.cov[1][0]), r(k.cov[1][1])],
    })),
  }));
  const text = JSON.stringify(canon);
  const bytes = new Uint8Array(text.length * 3);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    // text is ASCII apart from class names; encode UTF-16 code units as up to 3 bytes (enough for a stable hash)
    const c = text.charCodeAt(i);
    if (c < 128) bytes[n++] = c;
    else {
      bytes[n++] = 0xe0 | (c >> 12);
      bytes[n++] = 0x80 | ((c >> 6) & 63);
      bytes[n++] = 0x80 | (c & 63);
    }
  }
  return crc32Hex([bytes.subarray(0, n)]);
}
