/**
 * The world editor's element: the picture (pointer and keyboard), the selected component's fields, the class list,
 * undo and redo, import and export of world files. Every edit is an operation of lib/science/world-edit.ts; its result
 * is encoded (lib/science/world-code.ts) and set as the state's `world`, so every widget of the page and the URL follow.
 */
import type { NotebookState } from '../../../lib/state/notebook';
import { History } from '../../../lib/state/history';
import { PAGE_WORLD_LIMITS, docOfWorld, encodeWorldDoc, type DocComponent, type WorldDoc } from '../../../lib/science/world-code';
import {
  addClass,
  addComponent,
  assignClass,
  componentAt,
  locate,
  removeClass,
  removeComponent,
  renameClass,
  renameWorld,
  setComponent,
  setPrior,
  type Edit,
} from '../../../lib/science/world-edit';
import { WorldFormatError, parseWorldFile, worldFileText } from '../../../lib/science/world-format';
import { decodeWorldKey, isCustomWorldKey, worldKeyProblem, worldOfKey } from '../../../lib/science/world-key';
import { DEFAULT_WORLD, getBuiltinWorld } from '../../../lib/science/worlds';
import { cycle, describeComponent, dragTo, hitTest, keyEdit, type Grab } from '../../../lib/views/world-editor';
import { toData, type PanelGeometry } from '../shared/canvas';
import { exactDenoiser } from '../shared/exact-denoiser';
import { downloadText } from '../shared/download';
import { WidgetElement } from '../shared/widget-element';
import { classColor, drawEditor } from './draw';
import { editorText as T } from './strings';

/** The largest world file the page reads (bytes). */
const MAX_FILE_BYTES = 65_536;
/** How near (CSS pixels) a pointer must be to a handle or a centre to grab it. */
const GRAB_PX = 12;
const FIELDS = ['x', 'y', 'sx', 'sy', 'angle', 'weight'] as const;

const builtinDocs = new Map<string, WorldDoc>();

/** The document of a world key: the reader's world, or an editable copy of a built-in one ("my two-gaussians"). */
function docOfKey(key: string): WorldDoc {
  if (isCustomWorldKey(key)) {
    try {
      return decodeWorldKey(key).doc;
    } catch {
      /* a bad code never reaches the state; fall through to the default world */
    }
  }
  const name = getBuiltinWorld(key) ? key : DEFAULT_WORLD;
  let doc = builtinDocs.get(name);
  if (!doc) {
    doc = { ...docOfWorld(getBuiltinWorld(name)!), name: T.copyOf(name) };
    builtinDocs.set(name, doc);
  }
  return doc;
}

export class WorldEditorElement extends WidgetElement {
  protected readonly resizePart = 'canvas';
  private history!: History<string>;
  private selected = 0;
  private grab?: Grab;
  private dragged = false;
  private pending?: [number, number];
  private frame = 0;
  private geometry?: PanelGeometry;

  private get canvas(): HTMLCanvasElement {
    return this.el('canvas') as HTMLCanvasElement;
  }

  private doc(): WorldDoc {
    return docOfKey(this.state.store.get().world);
  }

  protected setup(): void {
    this.history = new History(this.state.store.get().world);
    const canvas = this.canvas;
    canvas.addEventListener('pointerdown', (e) => this.pointerDown(e));
    canvas.addEventListener('pointermove', (e) => this.pointerMove(e));
    canvas.addEventListener('pointerup', () => this.pointerUp());
    canvas.addEventListener('pointercancel', () => this.pointerUp());
    canvas.addEventListener('dblclick', (e) => this.doubleClick(e));
    canvas.addEventListener('keydown', (e) => this.keyDown(e));
    this.el('undo').addEventListener('click', () => this.travel('undo'));
    this.el('redo').addEventListener('click', () => this.travel('redo'));
    this.el('add').addEventListener('click', () => this.addNear());
    this.el('remove').addEventListener('click', () => this.apply(removeComponent(this.doc(), this.selected)));
    this.el('add-class').addEventListener('click', () => this.apply(addClass(this.doc())));
    this.el('export').addEventListener('click', () => this.exportFile());
    const input = this.el('import') as HTMLInputElement;
    input.addEventListener('change', () => {
      const file = input.files?.[0];
      input.value = '';
      if (file) void this.importFile(file);
    });
    this.el('name').addEventListener('change', (e) => this.apply(renameWorld(this.doc(), (e.target as HTMLInputElement).value, this.selected)));
    this.el('component').addEventListener('change', (e) => this.fieldChanged(e.target as HTMLInputElement | HTMLSelectElement));
    this.el('classes').addEventListener('change', (e) => this.classChanged(e.target as HTMLInputElement));
    this.el('classes').addEventListener('click', (e) => {
      const c = (e.target as HTMLElement).closest<HTMLElement>('[data-class-remove]')?.dataset.classRemove;
      if (c !== undefined) this.apply(removeClass(this.doc(), Number(c), this.selected));
    });
  }

  protected async start(): Promise<void> {
    this.render();
    this.dataset.ready = 'true';
  }

  protected redraw(): void {
    if (!this.colors) return;
    const st = this.state.store.get();
    this.geometry = drawEditor(this.canvas, exactDenoiser(st.world, st.schedule), this.doc(), this.selected, this.colors);
  }

  protected changed(st: NotebookState, keys: ReadonlySet<keyof NotebookState>): void {
    if (!keys.has('world') && !keys.has('schedule')) return;
    // a world chosen elsewhere (the select, the URL, a host page) is a step too: undo brings the reader's world back
    if (st.world !== this.history.present) this.history.push(st.world);
    this.render();
  }

  protected backendReset(): void {
    // the editor draws only the exact densities: nothing of a learned model to recompute
  }

  // ---------- edits ----------

  /** Makes an edit the page's world (a new undo step, or the continuation of a drag); a refused one is explained. */
  private apply(edit: Edit, step: 'push' | 'replace' = 'push'): void {
    if (edit.refused) {
      this.say(edit.refused);
      return;
    }
    const key = encodeWorldDoc(edit.doc);
    const problem = worldKeyProblem(key);
    if (problem) {
      this.say(problem);
      return;
    }
    this.selected = edit.selected;
    if (step === 'push') this.history.push(key);
    else this.history.replace(key);
    this.say('');
    this.state.store.set({ world: key });
    this.render();
  }

  /** Undo or redo one edit (or say there is none). */
  private travel(way: 'undo' | 'redo'): void {
    const key = way === 'undo' ? this.history.undo() : this.history.redo();
    if (key === undefined) {
      this.say(way === 'undo' ? T.nothingToUndo : T.nothingToRedo);
      return;
    }
    this.state.store.set({ world: key });
    this.render();
  }

  /** A new component next to the selected one, in its class (class 0 when none is selected). */
  private addNear(): void {
    const doc = this.doc();
    const at = locate(doc, this.selected);
    const comp = componentAt(doc, this.selected);
    this.apply(addComponent(doc, at?.c ?? 0, comp ? { x: comp.x + 0.5, y: comp.y + 0.5 } : { x: 0, y: 0 }));
  }

  private fieldChanged(target: HTMLInputElement | HTMLSelectElement): void {
    const field = target.dataset.edit;
    const v = Number(target.value);
    if (field === 'class') this.apply(assignClass(this.doc(), this.selected, v));
    else if (target.value.trim() === '' || !Number.isFinite(v)) this.say(T.notANumber(T[field as (typeof FIELDS)[number]]));
    else this.apply(setComponent(this.doc(), this.selected, { [field as keyof DocComponent]: v }));
    this.render();
  }

  private classChanged(target: HTMLInputElement): void {
    const { className, classPrior } = target.dataset;
    if (className !== undefined) this.apply(renameClass(this.doc(), Number(className), target.value, this.selected));
    if (classPrior !== undefined) {
      const v = Number(target.value);
      if (target.value.trim() === '' || !Number.isFinite(v)) this.say(T.notANumber(T.prior(Number(classPrior))));
      else this.apply(setPrior(this.doc(), Number(classPrior), v, this.selected));
    }
    this.render();
  }

  // ---------- pointer and keyboard ----------

  private dataPoint(e: PointerEvent | MouseEvent): [number, number] | undefined {
    if (!this.geometry) return undefined;
    const r = this.canvas.getBoundingClientRect();
    return toData(this.geometry, e.clientX - r.left, e.clientY - r.top);
  }

  private tolerance(): number {
    const g = this.geometry!;
    return (GRAB_PX * (g.extent[1] - g.extent[0])) / g.size;
  }

  private pointerDown(e: PointerEvent): void {
    const p = this.dataPoint(e);
    if (!p) return;
    this.grab = hitTest(this.doc(), this.selected, p, this.tolerance());
    if (!this.grab) return;
    this.canvas.setPointerCapture?.(e.pointerId);
    this.dragged = false;
    this.selected = this.grab.k;
    this.render();
  }

  private pointerMove(e: PointerEvent): void {
    if (!this.grab) return;
    this.pending = this.dataPoint(e);
    this.frame ||= requestAnimationFrame(() => this.flushDrag());
  }

  /** Applies the latest pointer position of a drag (once per frame): its first move is a new undo step, the rest continue it. */
  private flushDrag(): void {
    this.frame = 0;
    if (!this.grab || !this.pending) return;
    this.apply(dragTo(this.doc(), this.grab, this.pending), this.dragged ? 'replace' : 'push');
    this.dragged = true;
    this.pending = undefined;
  }

  private pointerUp(): void {
    cancelAnimationFrame(this.frame);
    this.flushDrag();
    this.grab = undefined;
  }

  private doubleClick(e: MouseEvent): void {
    const p = this.dataPoint(e);
    if (!p || hitTest(this.doc(), -1, p, this.tolerance())) return;
    this.apply(addComponent(this.doc(), locate(this.doc(), this.selected)?.c ?? 0, { x: p[0], y: p[1] }));
  }

  private keyDown(e: KeyboardEvent): void {
    const ctrl = e.ctrlKey || e.metaKey;
    const key = e.key;
    let handled = true;
    if (ctrl && (key === 'z' || key === 'Z')) this.travel(e.shiftKey ? 'redo' : 'undo');
    else if (ctrl && key === 'y') this.travel('redo');
    else if (ctrl || e.altKey) handled = false;
    else if (key === 'n' || key === 'p') {
      this.selected = cycle(this.doc(), this.selected, key === 'n' ? 1 : -1);
      this.render();
    } else if (key === 'a' || key === 'Insert') this.addNear();
    else if (key === 'Delete' || key === 'Backspace') this.apply(removeComponent(this.doc(), this.selected));
    else {
      const edit = keyEdit(this.doc(), this.selected, key, e.shiftKey);
      if (edit) this.apply(edit);
      else handled = false;
    }
    if (handled) e.preventDefault();
  }

  // ---------- files ----------

  private async importFile(file: File): Promise<void> {
    if (file.size > MAX_FILE_BYTES) {
      this.say(T.tooLarge(file.name, file.size, MAX_FILE_BYTES));
      return;
    }
    try {
      const world = parseWorldFile(await file.text(), PAGE_WORLD_LIMITS, MAX_FILE_BYTES);
      this.apply({ doc: docOfWorld(world), selected: 0 });
      this.say(T.imported(world.name, file.name));
    } catch (e) {
      this.say(T.refusedFile(file.name, e instanceof WorldFormatError ? e.message : String(e)));
    }
  }

  private exportFile(): void {
    const world = worldOfKey(this.state.store.get().world);
    if (!world) return;
    const name = `${world.name.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-|-$/g, '') || 'world'}.json`;
    downloadText(worldFileText(world), 'application/json', name);
    this.say(T.exported(name));
  }

  // ---------- rendering ----------

  private say(text: string): void {
    this.el('message').textContent = text;
  }

  /** Brings every part up to date with the document: the picture, the selection, the fields, the class list, undo and redo. */
  private render(): void {
    const doc = this.doc();
    const count = doc.classes.reduce((acc, c) => acc + c.components.length, 0);
    if (this.selected >= count) this.selected = count - 1;
    this.redraw();
    this.el('selection').textContent = describeComponent(doc, this.selected);
    setValue(this.el('name') as HTMLInputElement, doc.name);
    const comp = componentAt(doc, this.selected);
    const box = this.el('component');
    box.toggleAttribute('disabled', !comp);
    const classSelect = box.querySelector<HTMLSelectElement>('[data-edit="class"]')!;
    syncOptions(
      classSelect,
      doc.classes.map((c) => c.name),
    );
    classSelect.value = String(locate(doc, this.selected)?.c ?? 0);
    for (const f of FIELDS) setValue(box.querySelector<HTMLInputElement>(`[data-edit="${f}"]`)!, comp ? String(comp[f]) : '');
    this.renderClasses(doc);
    (this.el('undo') as HTMLButtonElement).disabled = !this.history.canUndo;
    (this.el('redo') as HTMLButtonElement).disabled = !this.history.canRedo;
  }

  private renderClasses(doc: WorldDoc): void {
    const list = this.el('classes');
    while (list.children.length > doc.classes.length) list.lastElementChild!.remove();
    while (list.children.length < doc.classes.length) list.append(classRow(list.children.length));
    doc.classes.forEach((c, i) => {
      const row = list.children[i] as HTMLElement;
      if (this.colors) row.querySelector<HTMLElement>('.swatch')!.style.background = classColor(this.colors, i);
      setValue(row.querySelector<HTMLInputElement>('[data-class-name]')!, c.name);
      setValue(row.querySelector<HTMLInputElement>('[data-class-prior]')!, String(c.prior));
      const remove = row.querySelector<HTMLButtonElement>('[data-class-remove]')!;
      remove.setAttribute('aria-label', T.removeClassLabel(c.name));
      remove.disabled = doc.classes.length <= 2;
    });
  }
}

/** Sets an input's value unless the reader is typing in it. */
function setValue(input: HTMLInputElement, value: string): void {
  if (document.activeElement !== input && input.value !== value) input.value = value;
}

/** Makes a select's options the given labels (values 0, 1, …), rebuilding only when they changed. */
function syncOptions(select: HTMLSelectElement, labels: string[]): void {
  const now = [...select.options].map((o) => o.text);
  if (now.length === labels.length && now.every((t, i) => t === labels[i])) return;
  select.replaceChildren(...labels.map((l, i) => new Option(l, String(i))));
}

/** One row of the class list: colour, name, prior weight, remove button. */
function classRow(i: number): HTMLLIElement {
  const li = document.createElement('li');
  const swatch = document.createElement('span');
  swatch.className = 'swatch';
  const name = document.createElement('input');
  name.type = 'text';
  name.maxLength = PAGE_WORLD_LIMITS.maxNameLength;
  name.dataset.className = String(i);
  name.setAttribute('aria-label', T.className(i));
  const prior = document.createElement('input');
  prior.type = 'number';
  prior.min = '1';
  prior.max = '1000';
  prior.step = '1';
  prior.dataset.classPrior = String(i);
  prior.setAttribute('aria-label', T.prior(i));
  const remove = document.createElement('button');
  remove.type = 'button';
  remove.className = 'btn';
  remove.textContent = T.removeClass;
  remove.dataset.classRemove = String(i);
  li.append(swatch, name, prior, remove);
  return li;
}
