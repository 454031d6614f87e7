/**
 * The weight file format, version 1 (documented in lib/model/README.md), in lib/model/weight-file/:
 * format.ts (types, limits, WeightFileError), bytes.ts (base64, CRC-32, float32), fingerprint.ts (world fingerprint),
 * validate.ts (metadata and plausibility), tensors.ts (tensor decoding), parse.ts (`parseWeights`), serialise.ts
 * (`encodeWeights`, `stringifyWeights`). This module re-exports them, so importers keep one path.
 */
export * from './weight-file/format';
export { base64ToBytes, bytesToBase64, crc32Hex } from './weight-file/bytes';
export { worldFingerprint } from './weight-file/fingerprint';
export { scheduleProblems } from './weight-file/validate';
export { firstImplausible } from './weight-file/tensors';
export { parseWeights, sizeProblem } from './weight-file/parse';
export { encodeWeights, stringifyWeights } from './weight-file/serialise';
