/**
 * The host API of an embed, DOM-free: the commands a parent page may post (set the state, ask for it), the messages the
 * embed posts back (its state after each change, events such as "sampler finished"), and the embed-only URL options
 * (hide, fit, theme, chrome, group), all validated: nothing a host sends can put a bad value into the state.
 */
import { LEGACY_KEYS, NOTEBOOK_SCHEMA, notebookQuery, reconcile, type NotebookState } from '../state/notebook';
import { MAX_VALUE_LENGTH, parseValue, type Notice, type ParamSpec } from '../state/params';

export const SET_MESSAGE = 'scorefield:set';
export const GET_MESSAGE = 'scorefield:get';
export const STATE_MESSAGE = 'scorefield:state';
export const EVENT_MESSAGE = 'scorefield:event';

/** Events an embed reports to its host. */
export const EMBED_EVENTS = ['sampler-finished', 'training-finished', 'model-swapped'] as const;
export type EmbedEventName = (typeof EMBED_EVENTS)[number];

/** Most keys a command may carry; the rest is ignored. */
const MAX_COMMAND_KEYS = 64;

export type HostCommand = { kind: 'set'; patch: Partial<NotebookState>; notices: Notice[] } | { kind: 'get' } | { kind: 'error'; message: string };

/** Whether a raw value is acceptable for a spec as it is or after clamping/rounding (not replaced by the default). */
function acceptable(spec: ParamSpec, raw: string): boolean {
  if (raw.length > MAX_VALUE_LENGTH) return false;
  const text = raw.trim();
  if (spec.kind === 'number') return text !== '' && Number.isFinite(Number(text));
  if (spec.kind === 'enum') return spec.values.includes(text);
  return ['1', '0', 'true', 'false'].includes(text);
}

/**
 * Reads a message from the host. A set command's invalid values (unknown key, wrong type, not a number, unknown
 * choice) leave their setting as it was and are reported; values out of range are clamped and reported, like the URL.
 * Returns null for messages that are not commands to us.
 */
export function readHostCommand(data: unknown, current: NotebookState): HostCommand | null {
  if (typeof data !== 'object' || data === null) return null;
  const type = (data as { type?: unknown }).type;
  if (type === GET_MESSAGE) return { kind: 'get' };
  if (type !== SET_MESSAGE) return null;
  const state = (data as { state?: unknown }).state;
  if (typeof state !== 'object' || state === null || Array.isArray(state)) return { kind: 'error', message: 'the command has no state object' };
  const notices: Notice[] = [];
  const next: Record<string, unknown> = { ...current };
  const shown = (v: unknown) => String(v).slice(0, MAX_VALUE_LENGTH);
  for (const [given, value] of Object.entries(state).slice(0, MAX_COMMAND_KEYS)) {
    // A key of an earlier version (a host page written for old links) is read under its current name.
    const key: string = Object.hasOwn(LEGACY_KEYS, given) ? LEGACY_KEYS[given as keyof typeof LEGACY_KEYS] : given;
    const param = given.slice(0, MAX_VALUE_LENGTH);
    const spec = Object.hasOwn(NOTEBOOK_SCHEMA, key) ? (NOTEBOOK_SCHEMA as Record<string, ParamSpec>)[key] : undefined;
    const was = String(current[key as keyof NotebookState]);
    if (!spec) {
      notices.push({ param, given: shown(value), used: '', reason: 'unknown setting, ignored' });
      continue;
    }
    if (typeof value !== 'number' && typeof value !== 'string' && typeof value !== 'boolean') {
      notices.push({ param, given: typeof value, used: was, reason: 'not a number, string or boolean; left as it was' });
      continue;
    }
    const raw = typeof value === 'boolean' ? (value ? '1' : '0') : String(value);
    if (!acceptable(spec, raw)) {
      notices.push({ param, given: shown(raw), used: was, reason: 'invalid value; left as it was' });
      continue;
    }
    const parsed = parseValue(key, spec, raw);
    next[key] = parsed.value;
    if (parsed.notice) notices.push(parsed.notice);
  }
  const reconciled = reconcile(next as NotebookState);
  const patch: Partial<NotebookState> = {};
  for (const key of Object.keys(NOTEBOOK_SCHEMA) as (keyof NotebookState)[]) {
    if (reconciled.state[key] !== current[key]) (patch as Record<string, unknown>)[key] = reconciled.state[key];
  }
  return { kind: 'set', patch, notices: [...notices, ...reconciled.notices] };
}

/** The message an embed posts with its full validated state (and the same as a query string). */
export function stateMessage(widget: string, state: NotebookState, group: string | null): object {
  return { type: STATE_MESSAGE, widget, group, state: { ...state }, query: notebookQuery(state) };
}

/** An event message; details are copied as plain finite numbers and short strings only. */
export function eventMessage(widget: string, name: EmbedEventName, detail: Record<string, unknown> = {}): object {
  const clean: Record<string, number | string | boolean> = {};
  for (const [k, v] of Object.entries(detail)) {
    if ((typeof v === 'number' && Number.isFinite(v)) || typeof v === 'boolean') clean[k] = v;
    else if (typeof v === 'string') clean[k] = v.slice(0, 200);
  }
  return { type: EVENT_MESSAGE, widget, name, detail: clean };
}

export const THEMES = ['auto', 'light', 'dark'] as const;
export type EmbedTheme = (typeof THEMES)[number];

/** The options of an embed page, from its URL: not part of the notebook state. */
export interface EmbedOptions {
  hide: string[];
  fit: boolean;
  theme: EmbedTheme;
  chrome: boolean;
  group: string | null;
}

/** URL parameters that configure an embed page rather than the figure. */
export const EMBED_OPTION_PARAMS = ['hide', 'fit', 'theme', 'chrome', 'group'] as const;

/** Reads the embed options of a query string; a bad value keeps the default and is reported. */
export function readEmbedOptions(query: string): { options: EmbedOptions; notices: Notice[] } {
  const params = new URLSearchParams(query);
  const notices: Notice[] = [];
  const flag = (key: 'fit' | 'chrome', fallback: boolean): boolean => {
    const raw = params.get(key);
    if (raw === null) return fallback;
    if (raw === '1' || raw === '0') return raw === '1';
    notices.push({ param: key, given: raw.slice(0, MAX_VALUE_LENGTH), used: fallback ? '1' : '0', reason: 'use 1 or 0' });
    return fallback;
  };
  const themeRaw = params.get('theme');
  let theme: EmbedTheme = 'auto';
  if (themeRaw !== null) {
    if ((THEMES as readonly string[]).includes(themeRaw)) theme = themeRaw as EmbedTheme;
    else notices.push({ param: 'theme', given: themeRaw.slice(0, MAX_VALUE_LENGTH), used: 'auto', reason: `unknown value (allowed: ${THEMES.join(', ')})` });
  }
  const groupRaw = params.get('group');
  let group: string | null = null;
  if (groupRaw) {
    if (/^[\w-]{1,40}$/.test(groupRaw)) group = groupRaw;
    else notices.push({ param: 'group', given: groupRaw.slice(0, MAX_VALUE_LENGTH), used: '', reason: 'use 1 to 40 letters, digits, - or _; no group' });
  }
  const hide = (params.get('hide') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return { options: { hide, fit: flag('fit', false), theme, chrome: flag('chrome', true), group }, notices };
}

/** The query string of embed options (only what differs from the defaults), for building embed URLs. */
export function embedOptionsQuery(o: Partial<EmbedOptions>): string {
  const p = new URLSearchParams();
  if (o.hide?.length) p.set('hide', o.hide.join(','));
  if (o.fit) p.set('fit', '1');
  if (o.theme && o.theme !== 'auto') p.set('theme', o.theme);
  if (o.chrome === false) p.set('chrome', '0');
  if (o.group) p.set('group', o.group);
  return p.toString();
}
