/**
 * What a printed figure says in words (DOM-free): the values of its visible controls, named by the state schema, and
 * the note under a figure that had not finished drawing when the page was printed.
 */
import { NOTEBOOK_SCHEMA, type NotebookState } from '../state/notebook';

/** A control's key and the text of its current value (a select's option text, a slider's number, a checkbox's on/off). */
export interface ControlValue {
  key: string;
  value: string;
}

export const printText = {
  parameters: 'Settings',
  notReady:
    'Printed before this figure finished drawing (the learned model or the samples were still on their way): what is shown is the exact view drawn so far. The live figure has the rest.',
  notDrawn: 'Printed before this figure had drawn anything: open the live figure.',
};

/**
 * "Settings: guidance scale s = 3 · timestep t = 300 · world = two-gaussians", one entry per key in the order given,
 * unknown keys and repeated keys left out, values trimmed to 60 characters.
 */
export function parameterSummary(values: readonly ControlValue[]): string {
  const seen = new Set<string>();
  const parts: string[] = [];
  for (const { key, value } of values) {
    if (seen.has(key) || !Object.hasOwn(NOTEBOOK_SCHEMA, key)) continue;
    seen.add(key);
    const label = NOTEBOOK_SCHEMA[key as keyof NotebookState].label;
    const v = value.replace(/\s+/g, ' ').trim();
    parts.push(`${label} = ${v.length > 60 ? `${v.slice(0, 59)}…` : v}`);
  }
  return parts.length ? `${printText.parameters}: ${parts.join(' · ')}` : '';
}

/** The note a printed figure carries: none when drawn, else why what is printed may be partial or empty. */
export function printNote(ready: boolean, drawnCanvases: number): string {
  if (ready) return '';
  return drawnCanvases > 0 ? printText.notReady : printText.notDrawn;
}
