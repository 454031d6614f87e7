import { describe, expect, it } from 'vitest';
import { ExactDenoiser } from '../../../lib/science/exact';
import { makeSchedule } from '../../../lib/science/schedule';
import { worldOfDoc, type WorldDoc } from '../../../lib/science/world-code';
import { componentAt } from '../../../lib/science/world-edit';
import { HANDLE_SDS, classDensities, cycle, describeComponent, dragTo, handlesOf, hitTest, keyEdit } from '../../../lib/views/world-editor';

const doc: WorldDoc = {
  name: 'w',
  description: '',
  classes: [
    { name: 'a', prior: 1000, components: [{ x: 0, y: 0, sx: 0.5, sy: 0.25, angle: 90, weight: 1000 }] },
    {
      name: 'b',
      prior: 1000,
      components: [
        { x: 2, y: 0, sx: 0.3, sy: 0.3, angle: 0, weight: 250 },
        { x: -2, y: -2, sx: 0.3, sy: 0.3, angle: 0, weight: 750 },
      ],
    },
  ],
};

describe('world editor view model', () => {
  it('handles sit on the 2σ ellipse: the major one along the angle, the minor one across', () => {
    const h = handlesOf(doc.classes[0]!.components[0]!);
    expect(h.major[0]).toBeCloseTo(0, 12);
    expect(h.major[1]).toBeCloseTo(HANDLE_SDS * 0.5, 12);
    expect(h.minor[0]).toBeCloseTo(-HANDLE_SDS * 0.25, 12);
    expect(h.minor[1]).toBeCloseTo(0, 12);
  });

  it('hit test: the selected component’s handles first, then the nearest centre, then the ellipse holding the point, else nothing', () => {
    expect(hitTest(doc, 0, [0, 1], 0.05)).toEqual({ k: 0, part: 'major', offset: [0, 0] });
    expect(hitTest(doc, 0, [-0.5, 0.01], 0.05)).toEqual({ k: 0, part: 'minor', offset: [0, 0] });
    expect(hitTest(doc, 0, [2.02, 0], 0.05)).toMatchObject({ k: 1, part: 'center' });
    expect(hitTest(doc, -1, [-2.4, -2], 0.05)).toMatchObject({ k: 2, part: 'center' });
    expect(hitTest(doc, -1, [3, 3], 0.05)).toBeUndefined();
  });

  it('dragging: the centre keeps the grab offset, the major handle stretches and turns, the minor one widens', () => {
    const moved = dragTo(doc, { k: 1, part: 'center', offset: [0.1, 0] }, [1.1, 1]);
    expect(componentAt(moved.doc, 1)).toMatchObject({ x: 1, y: 1 });
    const turned = dragTo(doc, { k: 1, part: 'major', offset: [0, 0] }, [2 + 1.2, 1.2]);
    expect(componentAt(turned.doc, 1)).toMatchObject({ sx: 0.8485, angle: 45 });
    const wide = dragTo(doc, { k: 1, part: 'minor', offset: [0, 0] }, [2.3, -1.6]);
    expect(componentAt(wide.doc, 1)!.sy).toBe(0.8);
  });

  it('keys: arrows move (Shift: fine), + and − scale, ] and [ turn; other keys do nothing', () => {
    expect(componentAt(keyEdit(doc, 1, 'ArrowUp', false)!.doc, 1)).toMatchObject({ x: 2, y: 0.1 });
    expect(componentAt(keyEdit(doc, 1, 'ArrowLeft', true)!.doc, 1)).toMatchObject({ x: 1.99 });
    expect(componentAt(keyEdit(doc, 1, '+', false)!.doc, 1)).toMatchObject({ sx: 0.33, sy: 0.33 });
    expect(componentAt(keyEdit(doc, 0, ']', false)!.doc, 0)!.angle).toBe(-85);
    expect(componentAt(keyEdit(doc, 0, '[', true)!.doc, 0)!.angle).toBe(89);
    expect(keyEdit(doc, 0, 'x', false)).toBeUndefined();
    expect([cycle(doc, 2, 1), cycle(doc, 0, -1), cycle(doc, -1, 1)]).toEqual([0, 2, 0]);
  });

  it('says what is selected, with the share of its class', () => {
    expect(describeComponent(doc, 1)).toBe('component 1 of 2 in class “b”: centre (2, 0), σ 0.3 along 0° and 0.3 across, weight 250 (25 % of its class)');
    expect(describeComponent(doc, 9)).toBe('no component selected');
  });

  it('class densities peak at each class’s heaviest component', () => {
    const exact = new ExactDenoiser(worldOfDoc(doc), makeSchedule('linear'));
    const { grid, alphas } = classDensities(exact, 70);
    const peak = (a: Uint8ClampedArray) => {
      const i = a.indexOf(255);
      return [grid.points[2 * i]!, grid.points[2 * i + 1]!];
    };
    expect(peak(alphas[0]!).map((v) => Math.abs(v) < 0.1)).toEqual([true, true]);
    expect(peak(alphas[1]!).map((v) => Math.abs(v + 2) < 0.1)).toEqual([true, true]);
  });
});
