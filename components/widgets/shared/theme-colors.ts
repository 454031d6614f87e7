/** Colours of the current theme, read from the CSS custom properties (canvas cannot use var()). */
import { shadingOpacity } from '../../../lib/views/contrast';

export interface ThemeColors {
  fg: string;
  muted: string;
  bg: string;
  accent: string;
  rule: string;
  classes: string[];
  nullClass: string;
}

export function themeColors(el: Element): ThemeColors {
  const cs = getComputedStyle(el);
  const v = (name: string) => resolveColor(el, cs.getPropertyValue(name).trim() || 'currentColor');
  return {
    fg: v('--fg'),
    muted: v('--muted'),
    bg: v('--bg'),
    accent: v('--accent'),
    rule: v('--rule'),
    classes: [0, 1, 2, 3].map((i) => v(`--class-${i}`)),
    nullClass: v('--null-class'),
  };
}

/** Resolves a CSS colour expression (e.g. light-dark(…)) to an rgb() string the canvas understands. */
function resolveColor(el: Element, expr: string): string {
  const probe = document.createElement('span');
  probe.style.color = expr;
  probe.style.display = 'none';
  el.appendChild(probe);
  const rgb = getComputedStyle(probe).color;
  probe.remove();
  return rgb;
}

/** "rgb(r, g, b)" → [r, g, b]. */
export function rgbParts(color: string): [number, number, number] {
  const [r = 0, g = 0, b = 0] = (color.match(/[\d.]+/g) ?? []).map(Number);
  return [r, g, b];
}

/** Peak opacity of a density shading in `color` on this theme's panel: ≥ `base`, and 3:1 against it (lib/views/contrast.ts). */
export function shadingOpacityOn(colors: ThemeColors, color: string, base: number): number {
  const key = `${color}|${colors.bg}|${base}`;
  let o = opacities.get(key);
  if (o === undefined) {
    o = shadingOpacity(rgbParts(color), rgbParts(colors.bg), base);
    opacities.set(key, o);
  }
  return o;
}

/** Opacities found so far, per colour, background and base (a theme has a handful). */
const opacities = new Map<string, number>();
