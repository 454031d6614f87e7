/**
 * `scorefield average`: the uniform mean of several weight files of one network (a "model soup", lib/model/average.ts),
 * e.g. runs continued from the same weights with different --seed. Prints the weight file, or writes it to --out FILE.
 */
import { averageWeights } from '../../lib/model/average';
import { WEIGHT_LIMITS, WeightFileError, encodeWeights } from '../../lib/model/weights';
import { DataError, UsageError } from '../args';
import { defineCommand } from '../command';
import { readWeightsFile } from '../learned';

export default defineCommand({
  name: 'average',
  summary: 'average the weights of several training runs of one network (a model soup) and write the weight file',
  flags: {
    weights: {
      type: 'string',
      meta: 'FILE,FILE,…',
      required: true,
      help: `2–${WEIGHT_LIMITS.maxAveraged} comma-separated weight files of the same network, world, schedule and condition dropout (not themselves averages); the result keeps the first file's metadata and lists the others' training records in training.averagedWith`,
    },
  },
  run(f) {
    const paths = (f.weights as string).split(',');
    if (paths.length < 2 || paths.length > WEIGHT_LIMITS.maxAveraged || paths.some((p) => p === ''))
      throw new UsageError(`--weights must name 2–${WEIGHT_LIMITS.maxAveraged} weight files separated by commas, got ${JSON.stringify(f.weights)}`);
    const files = paths.map((p) => readWeightsFile(p, 'weights'));
    try {
      const { meta, values } = averageWeights(files, paths);
      return encodeWeights(meta, values);
    } catch (e) {
      if (e instanceof WeightFileError) throw new DataError(`--weights: ${e.message}`);
      throw e;
    }
  },
});
