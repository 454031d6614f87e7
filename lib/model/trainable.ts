/**
 * What the denoiser (network.ts) and the noisy classifier (classifier.ts) share: named parameters held as tf.Variables
 * on the current backend, read by `forward`-style functions, and disposed once.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { ParamSpec } from './architecture';
import type { ParamTensors } from './forward';

/**
 * Trainable tf.Variables of a parameter list, from plain values whose sizes are all checked first (on a mismatch
 * it throws and creates nothing).
 */
export function trainableVariables(specs: readonly ParamSpec[], values: Map<string, Float32Array>): Map<string, tf.Variable> {
  for (const s of specs) {
    const v = values.get(s.name);
    const size = s.shape.reduce((x, y) => x * y, 1);
    if (!v || v.length !== size) throw new Error(`parameter ${s.name}: expected ${size} values, got ${v ? v.length : 'none'}`);
  }
  const params = new Map<string, tf.Variable>();
  for (const s of specs) {
    const init = tf.tensor(values.get(s.name)!, s.shape, 'float32');
    params.set(s.name, tf.variable(init, true)); // copies init
    init.dispose();
  }
  return params;
}

/** A model's parameters, in spec order, until `dispose()`; `kind` names the model in the error after it. */
export abstract class TrainableParameters {
  readonly params: Map<string, tf.Variable>;
  private disposed = false;

  protected constructor(
    specs: readonly ParamSpec[],
    values: Map<string, Float32Array>,
    private readonly kind: string,
  ) {
    this.params = trainableVariables(specs, values);
  }

  /** Parameter tensors by name (for the forward pass). */
  tensors(): ParamTensors {
    this.assertAlive();
    return Object.fromEntries(this.params);
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  dispose(): void {
    if (this.disposed) return;
    for (const v of this.params.values()) v.dispose();
    this.disposed = true;
  }

  protected assertAlive(): void {
    if (this.disposed) throw new Error(`this ${this.kind} has been disposed`);
  }
}
