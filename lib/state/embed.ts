/**
 * Embedding a widget in another page: the iframe code an instructor copies, and the messages an embed exchanges
 * with its parent page (its height, and commands that set its state), validated like the URL.
 */

/** Message an embed posts to its parent whenever its height changes. */
export const RESIZE_MESSAGE = 'scorefield:resize';
/** Message a parent may post to an embed to change its state: { type, state: { s: 7.5, … } }. */
export const SET_MESSAGE = 'scorefield:set';

/** The HTML an instructor pastes: the iframe and a few lines that resize it to its content. */
export function embedSnippet(src: string, widget: string): string {
  const title = `scorefield: ${widget.replace(/-/g, ' ')}`;
  return (
    `<iframe src="${escapeAttr(src)}" title="${escapeAttr(title)}" width="100%" height="760" ` +
    `style="border:0;max-width:100%" loading="lazy"></iframe>\n` +
    `<script>addEventListener("message",function(e){var d=e.data;if(!d||d.type!=="${RESIZE_MESSAGE}")return;` +
    `document.querySelectorAll("iframe").forEach(function(f){if(f.contentWindow===e.source)f.style.height=d.height+"px"})});</script>`
  );
}

/** The height messages of an embed, in the formats common embed hosts listen for. */
export function resizeMessages(height: number, href: string): unknown[] {
  const h = Math.ceil(height);
  return [{ type: RESIZE_MESSAGE, height: h }, { type: 'resize', height: h }, JSON.stringify({ src: href, context: 'iframe.resize', height: h })];
}

/**
 * Reads a SET_MESSAGE command. Returns the query string to apply (parsed by the notebook parser, so every value is
 * validated and corrected exactly like a URL), or an error text for anything else that claims to be a command.
 */
export function readSetCommand(data: unknown): { query: string } | { error: string } | null {
  if (typeof data !== 'object' || data === null || (data as { type?: unknown }).type !== SET_MESSAGE) return null;
  const state = (data as { state?: unknown }).state;
  if (typeof state !== 'object' || state === null || Array.isArray(state)) return { error: 'the command has no state object' };
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(state).slice(0, 64)) {
    if (typeof value !== 'number' && typeof value !== 'string' && typeof value !== 'boolean') {
      return { error: `the value of "${key.slice(0, 32)}" is not a number, string or boolean` };
    }
    params.set(key, String(value));
  }
  return { query: params.toString() };
}

function escapeAttr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}
