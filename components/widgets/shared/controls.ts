/**
 * Binds a widget's form controls to its store, generically: every element with data-key="<state key>"
 * (select, range or number input, radio group in a fieldset) reads and writes that key, validated by the
 * notebook schema exactly as the URL is. Outputs with data-readout="<key>" show the value.
 */
import { NOTEBOOK_SCHEMA, hiddenControls, type NotebookState } from '../../../lib/state/notebook';
import { clampNumber, type Notice } from '../../../lib/state/params';
import type { Store } from '../../../lib/state/store';
import { isCustomWorldKey, worldLabel, worldOfKey } from '../../../lib/science/world-key';
import { NULL_CLASS } from '../../../lib/science/types';
import { valueText, widgetText } from './strings';

type Key = keyof NotebookState;

function coerce(key: Key, target: HTMLInputElement | HTMLSelectElement): NotebookState[Key] | undefined {
  const spec = NOTEBOOK_SCHEMA[key];
  if (spec.kind === 'bool') return target instanceof HTMLInputElement && target.checked;
  const raw = target.value;
  if (spec.kind === 'number') return clampNumber(spec, Number(raw));
  if (spec.kind === 'enum') return (spec.values as readonly string[]).includes(raw) ? raw : undefined;
  return raw.length <= spec.maxLength && spec.check(raw) === undefined ? raw : undefined;
}

export interface BindOptions {
  /** Extra text for a control's aria-valuetext and readout (e.g. σ_t for t). */
  describe?: (key: Key, state: NotebookState) => string | undefined;
  /** Shows the corrections the store made to a change (a class the new world lacks, a negative class equal to y). */
  notices?: (notices: Notice[]) => void;
}

export function bindControls(root: HTMLElement, store: Store<NotebookState>, options: BindOptions = {}): () => void {
  const controls = [...root.querySelectorAll<HTMLElement>('[data-key]')];
  const onInput = (e: Event) => {
    const target = e.target as HTMLInputElement | HTMLSelectElement;
    const host = target.closest<HTMLElement>('[data-key]');
    if (!host) return;
    const key = host.dataset.key as Key;
    const value = coerce(key, target);
    if (value !== undefined) {
      const notices = store.set({ [key]: value } as Partial<NotebookState>);
      if (notices.length) options.notices?.(notices);
    }
    // On commit (change), show the value actually used: a clamped number, or the old value for a refused one.
    const used = String(store.get()[key]);
    if (e.type === 'change' && target.type !== 'checkbox' && target.type !== 'radio' && target.value !== used) target.value = used;
  };
  root.addEventListener('input', onInput);
  root.addEventListener('change', onInput);

  let world = '';
  const sync = (state: NotebookState) => {
    if (state.world !== world) {
      world = state.world;
      syncWorldOption(root, state.world);
      syncClassOptions(root, state.world);
    }
    for (const el of controls) {
      const key = el.dataset.key as Key;
      const value = String(state[key]);
      if (el instanceof HTMLInputElement && el.type === 'checkbox') {
        el.checked = state[key] === true;
      } else if (el instanceof HTMLSelectElement || el instanceof HTMLInputElement) {
        if (el.value !== value) el.value = value;
        if (el instanceof HTMLInputElement && el.type === 'range') {
          el.setAttribute('aria-valuetext', options.describe?.(key, state) ?? valueText(key, Number(value)));
        }
      } else {
        for (const radio of el.querySelectorAll<HTMLInputElement>('input[type="radio"]')) radio.checked = radio.value === value;
      }
    }
    for (const out of root.querySelectorAll<HTMLElement>('[data-readout]')) {
      const key = out.dataset.readout as Key;
      out.textContent = options.describe?.(key, state) ?? valueText(key, Number(state[key]));
    }
  };
  sync(store.get());
  const off = store.subscribe(sync);
  return () => {
    off();
    root.removeEventListener('input', onInput);
    root.removeEventListener('change', onInput);
  };
}

/** Where the reader's latest own world is kept for the session, so that every chapter's world select offers it. */
const YOUR_WORLD_KEY = 'scorefield-your-world';

/** The reader's latest own world (this page's, else this session's, validated like a URL value). */
function yourWorldOf(key: string): string | undefined {
  try {
    if (isCustomWorldKey(key)) {
      sessionStorage.setItem(YOUR_WORLD_KEY, key);
      return key;
    }
    const kept = sessionStorage.getItem(YOUR_WORLD_KEY) ?? '';
    return isCustomWorldKey(kept) && kept.length <= NOTEBOOK_SCHEMA.world.maxLength && !NOTEBOOK_SCHEMA.world.check(kept) ? kept : undefined;
  } catch {
    // storage blocked (a sandboxed embed): the option follows this page only
    return isCustomWorldKey(key) ? key : undefined;
  }
}

/** Gives the world selects an option for the reader's own world (the current one, else the latest of this session). */
function syncWorldOption(root: HTMLElement, key: string): void {
  const yourWorld = yourWorldOf(key);
  if (!yourWorld) return;
  for (const select of root.querySelectorAll<HTMLSelectElement>('select[data-key="world"]')) {
    let option = select.querySelector<HTMLOptionElement>('option[data-yours]');
    if (!option) {
      option = document.createElement('option');
      option.dataset.yours = '';
      select.append(option);
    }
    option.value = yourWorld;
    option.textContent = widgetText.yourWorldOption(worldLabel(yourWorld));
  }
}

/** Fills the class selects (data-key="y" and "neg") with the classes of a world. */
export function syncClassOptions(root: HTMLElement, worldName: string): void {
  const world = worldOfKey(worldName);
  if (!world) return;
  for (const select of root.querySelectorAll<HTMLSelectElement>('select[data-key="y"], select[data-key="neg"]')) {
    const options: [string, string][] = world.classes.map((c, i) => [String(i), `${c.name} (y = ${i})`]);
    if (select.dataset.key === 'neg') options.unshift([String(NULL_CLASS), widgetText.nullClass]);
    select.replaceChildren(
      ...options.map(([value, label]) => {
        const o = document.createElement('option');
        o.value = value;
        o.textContent = label;
        return o;
      }),
    );
  }
}

/** Hides the controls named in a comma-separated list (the embed parameter `hide=t,world`). */
export function hideControls(root: HTMLElement, list: string | null): void {
  for (const key of hiddenControls(list)) {
    for (const el of root.querySelectorAll<HTMLElement>(`[data-control="${CSS.escape(key)}"]`)) el.hidden = true;
  }
}
