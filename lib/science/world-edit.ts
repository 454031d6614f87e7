/**
 * The world editor's operations on a `WorldDoc`, DOM-free: each returns a new document (never changes its input), with
 * every number snapped to the page's grid and limits, and the component to select next. An operation the limits forbid
 * (a ninth class, a class left without components, a duplicate name) returns the document unchanged with the reason.
 * Components are addressed by their index in class order (class 0's first, …), the order of `MixtureTable`.
 */
import { PAGE_WORLD_LIMITS, snapComponent, snapDoc, snapName, snapWeight, type DocComponent, type WorldDoc } from './world-code';

export interface Edit {
  doc: WorldDoc;
  /** The component selected after the edit (an index in class order), or −1 for none. */
  selected: number;
  /** Why nothing changed; undefined when the edit was made. */
  refused?: string;
}

/** The number of components of a document. */
export function componentCount(doc: WorldDoc): number {
  return doc.classes.reduce((acc, c) => acc + c.components.length, 0);
}

/** The class and the index within it of component `k`, or undefined when there is no such component. */
export function locate(doc: WorldDoc, k: number): { c: number; j: number } | undefined {
  if (!Number.isInteger(k) || k < 0) return undefined;
  let rest = k;
  for (let c = 0; c < doc.classes.length; c++) {
    const n = doc.classes[c]!.components.length;
    if (rest < n) return { c, j: rest };
    rest -= n;
  }
  return undefined;
}

/** The index in class order of component j of class c. */
export function indexOf(doc: WorldDoc, c: number, j: number): number {
  let k = j;
  for (let i = 0; i < c; i++) k += doc.classes[i]!.components.length;
  return k;
}

/** Component `k` of a document, or undefined. */
export function componentAt(doc: WorldDoc, k: number): DocComponent | undefined {
  const at = locate(doc, k);
  return at && doc.classes[at.c]!.components[at.j];
}

const refuse = (doc: WorldDoc, selected: number, refused: string): Edit => ({ doc, selected, refused });

/** A copy of the document with class c's components replaced. */
function withComponents(doc: WorldDoc, c: number, components: DocComponent[]): WorldDoc {
  return { ...doc, classes: doc.classes.map((cls, i) => (i === c ? { ...cls, components } : cls)) };
}

/** Changes component k (its centre, standard deviations, angle or weight), snapped to the grid and the limits. */
export function setComponent(doc: WorldDoc, k: number, patch: Partial<DocComponent>): Edit {
  const at = locate(doc, k);
  if (!at) return refuse(doc, -1, `there is no component ${k}`);
  const comps = doc.classes[at.c]!.components.slice();
  comps[at.j] = snapComponent({ ...comps[at.j]!, ...patch });
  return { doc: withComponents(doc, at.c, comps), selected: k };
}

/** Moves component k by (dx, dy). */
export function nudge(doc: WorldDoc, k: number, dx: number, dy: number): Edit {
  const comp = componentAt(doc, k);
  return comp ? setComponent(doc, k, { x: comp.x + dx, y: comp.y + dy }) : refuse(doc, -1, `there is no component ${k}`);
}

/** Scales both standard deviations of component k by `factor`. */
export function scale(doc: WorldDoc, k: number, factor: number): Edit {
  const comp = componentAt(doc, k);
  return comp ? setComponent(doc, k, { sx: comp.sx * factor, sy: comp.sy * factor }) : refuse(doc, -1, `there is no component ${k}`);
}

/** Turns component k by `degrees` (counter-clockwise). */
export function rotate(doc: WorldDoc, k: number, degrees: number): Edit {
  const comp = componentAt(doc, k);
  return comp ? setComponent(doc, k, { angle: comp.angle + degrees }) : refuse(doc, -1, `there is no component ${k}`);
}

/** A new round component of class c at `at` (with weight as the class's heaviest, so that it shows). */
export function addComponent(doc: WorldDoc, c: number, at: { x: number; y: number }, sd = 0.4): Edit {
  const cls = doc.classes[c];
  if (!cls) return refuse(doc, -1, `there is no class ${c}`);
  if (componentCount(doc) >= PAGE_WORLD_LIMITS.maxComponents) {
    return refuse(doc, -1, `a world on the page has at most ${PAGE_WORLD_LIMITS.maxComponents} components`);
  }
  const weight = Math.max(...cls.components.map((k) => k.weight));
  const comp = snapComponent({ x: at.x, y: at.y, sx: sd, sy: sd, angle: 0, weight });
  const next = withComponents(doc, c, [...cls.components, comp]);
  return { doc: next, selected: indexOf(next, c, cls.components.length) };
}

/** Removes component k; a class keeps at least one (remove the class instead). */
export function removeComponent(doc: WorldDoc, k: number): Edit {
  const at = locate(doc, k);
  if (!at) return refuse(doc, -1, `there is no component ${k}`);
  const cls = doc.classes[at.c]!;
  if (cls.components.length === 1) return refuse(doc, k, `class “${cls.name}” needs at least one component (remove the class instead)`);
  const next = withComponents(
    doc,
    at.c,
    cls.components.filter((_, j) => j !== at.j),
  );
  return { doc: next, selected: Math.min(k, componentCount(next) - 1) };
}

/** Moves component k to class `to` (its last component); the class it leaves keeps at least one. */
export function assignClass(doc: WorldDoc, k: number, to: number): Edit {
  const at = locate(doc, k);
  if (!at) return refuse(doc, -1, `there is no component ${k}`);
  if (!doc.classes[to]) return refuse(doc, k, `there is no class ${to}`);
  if (to === at.c) return { doc, selected: k };
  const from = doc.classes[at.c]!;
  if (from.components.length === 1) return refuse(doc, k, `class “${from.name}” needs at least one component`);
  const comp = from.components[at.j]!;
  const classes = doc.classes.map((cls, i) => {
    if (i === at.c) return { ...cls, components: cls.components.filter((_, j) => j !== at.j) };
    if (i === to) return { ...cls, components: [...cls.components, comp] };
    return cls;
  });
  const next = { ...doc, classes };
  return { doc: next, selected: indexOf(next, to, classes[to]!.components.length - 1) };
}

/** The first of "class K", "class K+1", … that no class of the document has. */
function freshName(doc: WorldDoc): string {
  const taken = new Set(doc.classes.map((c) => c.name));
  let i = doc.classes.length;
  while (taken.has(`class ${i}`)) i++;
  return `class ${i}`;
}

/** A new class with one round component at `at` and the prior of the most likely class. */
export function addClass(doc: WorldDoc, at: { x: number; y: number } = { x: 0, y: 0 }): Edit {
  if (doc.classes.length >= PAGE_WORLD_LIMITS.maxClasses) return refuse(doc, -1, `a world on the page has at most ${PAGE_WORLD_LIMITS.maxClasses} classes`);
  if (componentCount(doc) >= PAGE_WORLD_LIMITS.maxComponents) {
    return refuse(doc, -1, `a world on the page has at most ${PAGE_WORLD_LIMITS.maxComponents} components`);
  }
  const prior = Math.max(...doc.classes.map((c) => c.prior));
  const comp = snapComponent({ x: at.x, y: at.y, sx: 0.4, sy: 0.4, angle: 0, weight: 1000 });
  const next = { ...doc, classes: [...doc.classes, { name: freshName(doc), prior, components: [comp] }] };
  return { doc: next, selected: componentCount(next) - 1 };
}

/** Removes class c and its components; a world keeps at least two classes. */
export function removeClass(doc: WorldDoc, c: number, selected = -1): Edit {
  if (!doc.classes[c]) return refuse(doc, selected, `there is no class ${c}`);
  if (doc.classes.length <= 2) return refuse(doc, selected, 'a world needs at least two classes');
  const next = { ...doc, classes: doc.classes.filter((_, i) => i !== c) };
  return { doc: next, selected: Math.min(indexOf(next, Math.min(c, next.classes.length - 1), 0), componentCount(next) - 1) };
}

/** Renames class c; names must differ and must not be empty. */
export function renameClass(doc: WorldDoc, c: number, name: string, selected = -1): Edit {
  if (!doc.classes[c]) return refuse(doc, selected, `there is no class ${c}`);
  const clean = snapName(name, '');
  if (clean === '') return refuse(doc, selected, 'a class name must not be empty');
  if (doc.classes.some((cls, i) => i !== c && cls.name === clean)) return refuse(doc, selected, `another class is already called “${clean}”`);
  return { doc: { ...doc, classes: doc.classes.map((cls, i) => (i === c ? { ...cls, name: clean } : cls)) }, selected };
}

/** Sets the prior weight of class c (a whole number in [1, 1000]; priors are normalised when drawn). */
export function setPrior(doc: WorldDoc, c: number, prior: number, selected = -1): Edit {
  if (!doc.classes[c]) return refuse(doc, selected, `there is no class ${c}`);
  return { doc: { ...doc, classes: doc.classes.map((cls, i) => (i === c ? { ...cls, prior: snapWeight(prior) } : cls)) }, selected };
}

/** Renames the world (empty: refused). */
export function renameWorld(doc: WorldDoc, name: string, selected = -1): Edit {
  const clean = snapName(name, '');
  if (clean === '') return refuse(doc, selected, 'the world needs a name');
  return { doc: snapDoc({ ...doc, name: clean }), selected };
}
