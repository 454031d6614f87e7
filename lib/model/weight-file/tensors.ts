/** Decoding and checking a weight file's tensors: shape, base64, byte count, finite and plausible values, checksum. */
import { quote } from '../../text/limit';
import { parameterSpecs, type Architecture } from '../network';
import { base64ToBytes, bytesToFloats, crc32Hex } from './bytes';
import { WEIGHT_LIMITS } from './format';
import { isObj } from './validate';

/** The first value that is not finite or lies beyond ±maxAbs, or -1. */
export function firstImplausible(v: Float32Array, maxAbs: number = WEIGHT_LIMITS.maxAbsWeight): number {
  for (let i = 0; i < v.length; i++) {
    const x = v[i]!;
    if (!(Math.abs(x) <= maxAbs)) return i;
  }
  return -1;
}

/** The parameter values of `arch` from a file's "tensors" and "checksum"; null (with `problems` filled) on any problem. */
export function decodeTensors(tensors: unknown, checksum: unknown, arch: Architecture, problems: string[]): Map<string, Float32Array> | null {
  if (!isObj(tensors)) {
    problems.push('missing "tensors"');
    return null;
  }
  const values = new Map<string, Float32Array>();
  const chunks: Uint8Array[] = [];
  const specs = parameterSpecs(arch);
  for (const s of specs) {
    const entry = tensors[s.name];
    if (!isObj(entry)) {
      problems.push(`tensor ${s.name} missing`);
      continue;
    }
    const shape = entry.shape;
    if (!Array.isArray(shape) || shape.length !== s.shape.length || shape.some((d, i) => d !== s.shape[i])) {
      problems.push(`tensor ${s.name} has shape ${quote(shape)}, expected [${s.shape.join(', ')}]`);
      continue;
    }
    if (typeof entry.data !== 'string') {
      problems.push(`tensor ${s.name} has no base64 "data"`);
      continue;
    }
    let bytes: Uint8Array;
    try {
      bytes = base64ToBytes(entry.data);
    } catch (e) {
      problems.push(`tensor ${s.name}: ${(e as Error).message}`);
      continue;
    }
    const size = s.shape.reduce((a, b) => a * b, 1);
    if (bytes.length !== 4 * size) {
      problems.push(`tensor ${s.name} holds ${bytes.length} bytes, expected ${4 * size} (${size} float32)`);
      continue;
    }
    chunks.push(bytes);
    const v = bytesToFloats(bytes);
    const bad = firstImplausible(v);
    if (bad >= 0) {
      const what = Number.isFinite(v[bad]!)
        ? `an implausible value (${v[bad]!.toPrecision(3)}; a trained network stays within ±${WEIGHT_LIMITS.maxAbsWeight})`
        : `a non-finite value (${v[bad]})`;
      problems.push(`tensor ${s.name} has ${what} at index ${bad}`);
      continue;
    }
    values.set(s.name, v);
  }
  const known = new Set(specs.map((s) => s.name));
  const extra = Object.keys(tensors).filter((k) => !known.has(k));
  if (extra.length)
    problems.push(
      `unexpected tensors for a ${arch.conditioning} model: ${quote(extra.slice(0, 5).join(', '))}${extra.length > 5 ? ` (${extra.length} in all)` : ''}`,
    );
  if (problems.length) return null;
  if (typeof checksum !== 'string') problems.push('missing checksum');
  else if (crc32Hex(chunks) !== checksum)
    problems.push(`checksum mismatch (file says ${quote(checksum, 20)}, tensors give ${crc32Hex(chunks)}): the file is corrupted`);
  return problems.length ? null : values;
}
