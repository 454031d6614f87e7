/** Writing weight files (version 1, see format.ts). */
import { parameterSpecs } from '../network';
import { bytesToBase64, crc32Hex, floatsToBytes } from './bytes';
import { worldFingerprint } from './fingerprint';
import { WEIGHTS_FORMAT, WEIGHTS_VERSION, WeightFileError, type WeightMeta } from './format';

/** Serialises weights to the version-1 JSON object (call JSON.stringify on it, or use `stringifyWeights`). */
export function encodeWeights(meta: WeightMeta, values: Map<string, Float32Array>): Record<string, unknown> {
  const tensors: Record<string, { shape: number[]; data: string }> = {};
  const chunks: Uint8Array[] = [];
  for (const s of parameterSpecs(meta.architecture)) {
    const v = values.get(s.name);
    const size = s.shape.reduce((a, b) => a * b, 1);
    if (!v || v.length !== size) throw new WeightFileError(`cannot write ${s.name}: expected ${size} values, got ${v ? v.length : 'none'}`);
    for (let i = 0; i < v.length; i++) if (!Number.isFinite(v[i]!)) throw new WeightFileError(`cannot write ${s.name}: non-finite value at ${i}`);
    const bytes = floatsToBytes(v);
    chunks.push(bytes);
    tensors[s.name] = { shape: s.shape, data: bytesToBase64(bytes) };
  }
  return {
    format: WEIGHTS_FORMAT,
    version: WEIGHTS_VERSION,
    world: { name: meta.world.definition.name, fingerprint: worldFingerprint(meta.world.definition), definition: meta.world.definition },
    schedule: meta.schedule,
    architecture: meta.architecture,
    training: meta.training,
    tensors,
    checksum: crc32Hex(chunks),
  };
}

/** The weight file as text: metadata pretty-printed at the top, tensors one per line. */
export function stringifyWeights(meta: WeightMeta, values: Map<string, Float32Array>): string {
  const obj = encodeWeights(meta, values);
  const { tensors, ...rest } = obj as { tensors: Record<string, unknown> } & Record<string, unknown>;
  const head = JSON.stringify(rest, null, 1);
  const lines = Object.entries(tensors).map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)}`);
  return `${head.slice(0, -2)},\n "tensors": {\n${lines.join(',\n')}\n }\n}\n`;
}
