/** The learning-rate schedule of every trainer in lib/model. */
import type { ResolvedTrainOptions } from './train-options';

/** Learning rate at step k (0-based): linear warm-up to `lr`, then cosine decay to `lrFinal` at `steps`. */
export function learningRate(o: Pick<ResolvedTrainOptions, 'lr' | 'lrFinal' | 'warmupSteps' | 'steps'>, k: number): number {
  if (k < o.warmupSteps) return (o.lr * (k + 1)) / o.warmupSteps;
  const span = Math.max(1, o.steps - o.warmupSteps);
  const u = Math.min(1, (k - o.warmupSteps) / span);
  return o.lrFinal + 0.5 * (o.lr - o.lrFinal) * (1 + Math.cos(Math.PI * u));
}
