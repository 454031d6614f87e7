import { BUILTIN_WORLDS } from '../../lib/science';
import { defineCommand } from '../command';

export default defineCommand({
  name: 'worlds',
  summary: 'list the built-in worlds',
  flags: {},
  run: () => ({
    worlds: Object.values(BUILTIN_WORLDS).map((w) => ({
      name: w.name,
      description: w.description,
      classes: w.classes.map((c) => c.name),
      components: w.classes.reduce((acc, c) => acc + c.components.length, 0),
    })),
  }),
});
