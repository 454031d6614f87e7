/**
 * Length limits for every text a reader is shown from untrusted input (a refused file, a host message, a URL):
 * one place that decides how long such a message may get, so a crafted input cannot fill a live region with
 * megabytes of text.
 */

/** The longest message (notice, refusal, error) shown to a reader, in UTF-16 code units. */
export const MAX_MESSAGE_LENGTH = 600;
/** The longest quoted value inside a message (a file name, a field's value). */
export const MAX_QUOTED_LENGTH = 60;

/** `text` cut to at most `max` characters (an ellipsis marks the cut; never splits a surrogate pair). */
export function limitText(text: string, max = MAX_MESSAGE_LENGTH): string {
  if (text.length <= max) return text;
  let end = Math.max(0, max - 1);
  const c = text.charCodeAt(end - 1);
  if (c >= 0xd800 && c <= 0xdbff) end--;
  return `${text.slice(0, end)}…`;
}

/** A value as JSON (or String for what JSON cannot show), cut to `max`: for quoting untrusted values in messages. */
export function quote(value: unknown, max = MAX_QUOTED_LENGTH): string {
  let s: string;
  try {
    s = JSON.stringify(value) ?? String(value);
  } catch {
    s = Object.prototype.toString.call(value);
  }
  return limitText(s, max);
}

/** A number for display, or `fallback` when it is NaN or ±Infinity (a text alternative never reads "NaN"). */
export function finiteOr(value: number, format: (v: number) => string, fallback = '–'): string {
  return Number.isFinite(value) ? format(value) : fallback;
}

/** `value.toFixed(digits)`, or an en dash for NaN and ±Infinity: what every number on screen goes through. */
export function fixed(value: number, digits: number): string {
  return finiteOr(value, (v) => v.toFixed(digits), '–');
}

/** A percentage (0–1 → "0 %"–"100 %"), or an en dash when not finite. */
export function percent(fraction: number): string {
  return finiteOr(fraction, (v) => `${Math.round(100 * v)} %`, '–');
}

/** The most lines a notice box lists. */
export const MAX_NOTICE_LINES = 8;

/** At most `max` lines, each limited to `lineLength`, and a last line saying how many more there were. */
export function limitLines(lines: readonly string[], max = MAX_NOTICE_LINES, lineLength = 200): string[] {
  const shown = lines.slice(0, lines.length > max ? max - 1 : max).map((l) => limitText(l, lineLength));
  if (lines.length > max) shown.push(`… and ${lines.length - shown.length} more`);
  return shown;
}
