import { defineCommand } from '../command';
import { loadWorld, worldFlag } from '../common';

export default defineCommand({
  name: 'world',
  summary: 'print a world (built-in or file), normalised, in the world file format',
  flags: { ...worldFlag },
  run: (f) => loadWorld(f.world),
});
