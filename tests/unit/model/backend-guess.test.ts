import { describe, expect, it } from 'vitest';
import { guessBackend } from '../../../lib/model/backend';

describe('first-visit backend guess (no measurement before the first learned draw)', () => {
  it('takes wasm where WebGL is software-rendered or missing, webgl on a real GPU', () => {
    expect(guessBackend('ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)')).toBe('wasm');
    expect(guessBackend('llvmpipe (LLVM 15.0.7, 256 bits)')).toBe('wasm');
    expect(guessBackend(undefined)).toBe('wasm');
    expect(guessBackend('')).toBe('wasm');
    expect(guessBackend('ANGLE (NVIDIA, NVIDIA GeForce RTX 3060 Direct3D11 vs_5_0 ps_5_0, D3D11)')).toBe('webgl');
    expect(guessBackend('Apple M2')).toBe('webgl');
  });
});
