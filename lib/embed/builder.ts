/**
 * The embed builder's model, DOM-free: the builder page's own URL (widget and starting state), the controls a widget
 * can hide (the state keys its markup binds, labelled from the state schema), and every snippet for a configuration.
 */
import { NOTEBOOK_SCHEMA, parseNotebookQuery, notebookQuery } from '../state/notebook';
import { EMBED_OPTION_PARAMS, type EmbedOptions } from './host-api';
import { SNIPPET_KINDS, snippet, type SnippetKind } from './snippets';

export interface HideChoice {
  key: string;
  label: string;
}

/** Extra hideable parts that are not state keys: the copy button. */
const NON_STATE_PARTS: Record<string, string> = { embed: '"Copy embed code" button' };

/** The hideable controls of a widget, from the data-control names in its markup: state keys (schema labels) first. */
export function hideChoices(controlNames: readonly string[]): HideChoice[] {
  const seen = new Set<string>();
  const out: HideChoice[] = [];
  for (const key of controlNames) {
    if (seen.has(key)) continue;
    seen.add(key);
    if (Object.hasOwn(NOTEBOOK_SCHEMA, key)) out.push({ key, label: NOTEBOOK_SCHEMA[key as keyof typeof NOTEBOOK_SCHEMA].label });
    else if (Object.hasOwn(NON_STATE_PARTS, key)) out.push({ key, label: NON_STATE_PARTS[key]! });
  }
  return out;
}

/** The builder page's URL query: ?widget=<name>&<state>; an unknown widget falls back to the first of `widgets`. */
export function readBuilderQuery<W extends string>(query: string, widgets: readonly W[]): { widget: W; state: string } {
  const params = new URLSearchParams(query);
  const w = params.get('widget') ?? '';
  const widget = (widgets as readonly string[]).includes(w) ? (w as W) : widgets[0]!;
  params.delete('widget');
  for (const k of EMBED_OPTION_PARAMS) params.delete(k);
  const { state } = parseNotebookQuery(params.toString());
  return { widget, state: notebookQuery(state) };
}

export interface BuilderConfig {
  page: string;
  title: string;
  state: string;
  options: EmbedOptions;
  /** The measured content height (auto-height) or the box height (fit). */
  height: number;
}

export function allSnippets(c: BuilderConfig): Record<SnippetKind, string> {
  const out = {} as Record<SnippetKind, string>;
  for (const kind of SNIPPET_KINDS) out[kind] = snippet(kind, { page: c.page, state: c.state, options: c.options, title: c.title, height: c.height });
  return out;
}
