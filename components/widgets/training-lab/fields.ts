/**
 * The training lab's two field panels: the exact guided field (computed here) and the learned one (from the worker's
 * ε_∅, ε_y on the arrow grid), drawn with the score field's view model and the shared field panel at one common arrow scale.
 */
import { epsField, type EpsField } from '../../../lib/science/field';
import { makeGrid } from '../../../lib/science/grid';
import type { NotebookState } from '../../../lib/state/notebook';
import { ScoreFieldViewModel } from '../../../lib/views/score-field';
import { LAB_ARROW_GRID_N } from '../../../lib/views/training-lab';
import { drawFieldPanel } from '../shared/field-panel';
import { exactDenoiser } from '../shared/denoisers';
import { forgetPanel } from '../shared/figure-record';
import type { ThemeColors } from '../shared/theme-colors';

const DENSITY_GRID_N = 72;

type FieldState = Pick<NotebookState, 'world' | 'schedule' | 't' | 'y' | 's'>;

export class LabFields {
  readonly arrowGrid = makeGrid(LAB_ARROW_GRID_N);
  private readonly densityGrid = makeGrid(DENSITY_GRID_N);
  exact?: ScoreFieldViewModel;
  learned?: ScoreFieldViewModel;
  rmse?: { cond: number; uncond: number };
  private token = 0;

  /** Computes the exact field of a state; false when a newer request overtook it. Drops a learned field of another t or y. */
  async computeExact(st: FieldState): Promise<boolean> {
    const token = ++this.token;
    const exact = exactDenoiser(st.world, st.schedule);
    const field = await epsField(exact, this.arrowGrid, st.t, st.y);
    if (token !== this.token) return false;
    this.exact = new ScoreFieldViewModel(exact, field, this.densityGrid);
    if (this.learned && (this.learned.field.t !== st.t || this.learned.field.y !== st.y)) this.learned = undefined;
    return true;
  }

  /** Takes the worker's learned field and its ε error. */
  setLearned(st: FieldState, m: { t: number; y: number; epsUncond: Float64Array; epsCond: Float64Array; rmse: { cond: number; uncond: number } }): void {
    const field: EpsField = { grid: this.arrowGrid, t: m.t, y: m.y, uncond: -1, epsUncond: m.epsUncond, epsCond: m.epsCond };
    this.learned = new ScoreFieldViewModel(exactDenoiser(st.world, st.schedule), field, this.densityGrid, this.exact?.field);
    this.rmse = m.rmse;
  }

  clearLearned(): void {
    this.learned = undefined;
    this.rmse = undefined;
  }

  /** Draws the exact panel and, when `showLearned`, the learned one (else clears it); true when the learned field was drawn. */
  draw(exactCanvas: HTMLCanvasElement, learnedCanvas: HTMLCanvasElement, colors: ThemeColors, st: FieldState, showLearned: boolean): boolean {
    if (!this.exact) return false;
    const classColor = colors.classes[st.y % colors.classes.length]!;
    const scale = Math.min(this.exact.scaleFor('guided'), this.learned?.scaleFor('guided') ?? Infinity);
    const panel = { arrowGrid: this.arrowGrid, densityGrid: this.densityGrid, colors, densityColor: classColor };
    drawFieldPanel(exactCanvas, { ...panel, frame: this.exact.frame(st.s, 'guided', scale) });
    if (this.learned && showLearned) {
      drawFieldPanel(learnedCanvas, { ...panel, frame: this.learned.frame(st.s, 'guided', scale) });
      return true;
    }
    learnedCanvas.getContext('2d')?.clearRect(0, 0, learnedCanvas.width, learnedCanvas.height);
    forgetPanel(learnedCanvas);
    return false;
  }
}
