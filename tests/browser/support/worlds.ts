import type { WorldDoc } from '../../../lib/science/world-code';

/** A reader's world for the world-editor specs: two classes, three components, priors 2:1, weights 7:3 in class "right". */
export const THREE_BLOBS: WorldDoc = {
  name: 'three blobs',
  description: '',
  classes: [
    { name: 'left', prior: 1000, components: [{ x: -1.5, y: 0, sx: 0.5, sy: 0.3, angle: 20, weight: 1000 }] },
    {
      name: 'right',
      prior: 500,
      components: [
        { x: 1.5, y: 0.5, sx: 0.4, sy: 0.4, angle: 0, weight: 700 },
        { x: 1, y: -1.5, sx: 0.6, sy: 0.2, angle: -30, weight: 300 },
      ],
    },
  ],
};
