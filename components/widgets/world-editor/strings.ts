/** Interface text of the world editor. */
import { PAGE_WORLD_LIMITS as L } from '../../../lib/science/world-code';

export const editorText = {
  canvasLabel: 'World editor: the classes’ densities and each component’s 2σ ellipse',
  help:
    'Drag a centre to move a component, the handle at the end of its long axis to stretch and turn it, the other handle to widen it; ' +
    'double-click empty space to add one. Keyboard (on the picture): n / p select the next / previous component, arrows move it ' +
    '(Shift: finer), + and − scale it, [ and ] turn it, a adds one, Delete removes it, Ctrl+Z / Ctrl+Shift+Z undo and redo.',
  limits: `Up to ${L.maxClasses} classes and ${L.maxComponents} components; centres within ±${L.maxAbsMean}; σ from ${L.minSd} to ${L.maxSd}.`,
  worldName: 'World name',
  undo: 'Undo',
  redo: 'Redo',
  addComponent: 'Add component',
  removeComponent: 'Remove component',
  addClass: 'Add class',
  removeClass: 'Remove',
  selected: 'Selected component',
  classOf: 'Class',
  x: 'centre x',
  y: 'centre y',
  sx: 'σ along',
  sy: 'σ across',
  angle: 'angle (°)',
  weight: 'weight (1–1000)',
  classes: 'Classes',
  className: (i: number) => `name of class ${i}`,
  prior: (i: number) => `prior weight of class ${i} (1–1000)`,
  removeClassLabel: (name: string) => `Remove class ${name}`,
  importFile: 'Import world file…',
  exportFile: 'Export world file',
  exported: (file: string) => `Saved ${file} (the command line reads it: scorefield sample --world ${file} …)`,
  imported: (name: string, file: string) => `Imported “${name}” from ${file}.`,
  refusedFile: (file: string, reason: string) => `Refused ${file}: ${reason}. Your world is unchanged.`,
  tooLarge: (file: string, bytes: number, max: number) => `Refused ${file}: ${bytes} bytes, at most ${max}. Your world is unchanged.`,
  notANumber: (what: string) => `${what} must be a number; kept the old value.`,
  nothingToUndo: 'Nothing to undo.',
  nothingToRedo: 'Nothing to redo.',
  copyOf: (name: string) => `my ${name}`.slice(0, L.maxNameLength),
};
