import { describe, expect, it } from 'vitest';
import { PAGE_WORLD_LIMITS, type WorldDoc } from '../../../lib/science/world-code';
import {
  addClass,
  addComponent,
  assignClass,
  componentAt,
  componentCount,
  locate,
  nudge,
  removeClass,
  removeComponent,
  renameClass,
  rotate,
  scale,
  setPrior,
} from '../../../lib/science/world-edit';
import { History } from '../../../lib/state/history';

const doc: WorldDoc = {
  name: 'w',
  description: '',
  classes: [
    { name: 'a', prior: 1000, components: [{ x: 0, y: 0, sx: 0.5, sy: 0.5, angle: 0, weight: 1000 }] },
    {
      name: 'b',
      prior: 1000,
      components: [
        { x: 1, y: 1, sx: 0.3, sy: 0.2, angle: 10, weight: 500 },
        { x: -1, y: 1, sx: 0.3, sy: 0.2, angle: 10, weight: 200 },
      ],
    },
  ],
};

describe('world edits', () => {
  it('address components in class order', () => {
    expect(locate(doc, 0)).toEqual({ c: 0, j: 0 });
    expect(locate(doc, 2)).toEqual({ c: 1, j: 1 });
    expect(locate(doc, 3)).toBeUndefined();
    expect(locate(doc, -1)).toBeUndefined();
  });

  it('move, scale and turn a component, snapped and clamped, without changing the input', () => {
    const before = JSON.stringify(doc);
    expect(componentAt(nudge(doc, 1, 0.1, -0.25).doc, 1)).toMatchObject({ x: 1.1, y: 0.75 });
    expect(componentAt(nudge(doc, 1, 10, 0).doc, 1)!.x).toBe(PAGE_WORLD_LIMITS.maxAbsMean);
    expect(componentAt(scale(doc, 1, 1.1).doc, 1)).toMatchObject({ sx: 0.33, sy: 0.22 });
    expect(componentAt(rotate(doc, 1, 85).doc, 1)!.angle).toBe(-85);
    expect(JSON.stringify(doc)).toBe(before);
  });

  it('add and remove components; a class keeps one, the page holds at most 64', () => {
    const added = addComponent(doc, 0, { x: 2, y: -2 });
    expect(added.selected).toBe(1);
    expect(componentAt(added.doc, 1)).toEqual({ x: 2, y: -2, sx: 0.4, sy: 0.4, angle: 0, weight: 1000 });
    expect(componentCount(added.doc)).toBe(4);
    expect(removeComponent(doc, 0).refused).toBe('class “a” needs at least one component (remove the class instead)');
    const removed = removeComponent(doc, 2);
    expect(componentCount(removed.doc)).toBe(2);
    expect(removed.selected).toBe(1);
    let big = doc;
    while (componentCount(big) < PAGE_WORLD_LIMITS.maxComponents) big = addComponent(big, 1, { x: 0, y: 0 }).doc;
    const full = addComponent(big, 1, { x: 0, y: 0 });
    expect(full.refused).toBe('a world on the page has at most 64 components');
    expect(full.doc).toBe(big);
  });

  it('assign a component to another class', () => {
    const moved = assignClass(doc, 2, 0);
    expect(moved.doc.classes.map((c) => c.components.length)).toEqual([2, 1]);
    expect(moved.selected).toBe(1);
    expect(componentAt(moved.doc, 1)!.x).toBe(-1);
    expect(assignClass(doc, 0, 1).refused).toBe('class “a” needs at least one component');
  });

  it('add, rename, weigh and remove classes within the limits', () => {
    const added = addClass(doc, { x: 0.5, y: -1 });
    expect(added.doc.classes.map((c) => c.name)).toEqual(['a', 'b', 'class 2']);
    expect(added.selected).toBe(3);
    expect(renameClass(added.doc, 2, 'b').refused).toBe('another class is already called “b”');
    expect(renameClass(added.doc, 2, '   ').refused).toBe('a class name must not be empty');
    expect(renameClass(added.doc, 2, '  c  ').doc.classes[2]!.name).toBe('c');
    expect(setPrior(doc, 1, 2500.4).doc.classes[1]!.prior).toBe(1000);
    expect(setPrior(doc, 1, 0).doc.classes[1]!.prior).toBe(1);
    expect(removeClass(doc, 0).refused).toBe('a world needs at least two classes');
    expect(removeClass(added.doc, 0).doc.classes.map((c) => c.name)).toEqual(['b', 'class 2']);
    let many = doc;
    for (let i = 0; i < 6; i++) many = addClass(many).doc;
    expect(many.classes).toHaveLength(8);
    expect(addClass(many).refused).toBe('a world on the page has at most 8 classes');
  });
});

describe('undo history', () => {
  it('undo, redo, a new step clears the redo, a drag is one step, at most `limit` steps', () => {
    const h = new History('a', 3);
    h.push('b');
    h.push('c');
    expect(h.undo()).toBe('b');
    expect(h.undo()).toBe('a');
    expect(h.undo()).toBeUndefined();
    expect(h.redo()).toBe('b');
    h.push('d');
    expect(h.canRedo).toBe(false);
    h.push('e1');
    h.replace('e2');
    h.replace('e3');
    expect(h.present).toBe('e3');
    expect(h.undo()).toBe('d');
    h.push('f');
    h.push('g');
    h.push('h');
    expect([h.undo(), h.undo(), h.undo(), h.undo()]).toEqual(['g', 'f', 'd', undefined]);
  });
});
