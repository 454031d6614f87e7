/** The training lab's weight files: export as a download, import from a file input (size-capped, validated). */
import { downloadText } from '../shared/download';
import { parseWeights, sizeProblem, WeightFileError, type WeightExpectations } from '../../../lib/model/weights';

/** Offers `text` as a download named after its world, mechanism, p_uncond and steps. */
export function downloadWeights(text: string): void {
  const w = parseWeights(text);
  const name = `scorefield-${w.world.name}-${w.architecture.conditioning}-p${w.training.pUncond}-${w.training.steps}.json`;
  downloadText(text, 'application/json', name);
}

/**
 * Reads and validates a chosen file: its text, or the problems that refuse it. A file larger than the cap is refused
 * from its size alone, before it is read (UTF-8 bytes ≥ UTF-16 units for the ASCII of a weight file).
 */
export async function readWeightFile(file: File, expect: WeightExpectations): Promise<{ text: string } | { problems: string[] }> {
  const tooLarge = sizeProblem(file.size, 'file');
  if (tooLarge) return { problems: [tooLarge] };
  try {
    const text = await file.text();
    parseWeights(text, expect);
    return { text };
  } catch (e) {
    return { problems: e instanceof WeightFileError ? e.problems : [e instanceof Error ? e.message : String(e)] };
  }
}
