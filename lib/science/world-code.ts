/**
 * The reader's own world on the page: its editable form (`WorldDoc`: each component as a centre, two standard
 * deviations and an angle, weights and priors as whole numbers) and its compact URL encoding (`w.` + base64url of a
 * small binary record, about 16 characters per component). The world a document stands for is checked by the one
 * world validator (`parseWorld`, with `PAGE_WORLD_LIMITS`), the same that reads world files, weight files and `--world`.
 */
import { eigenvalues2, rotatedCov } from './gauss2';
import type { World } from './types';
import { WorldFormatError, parseWorld, type WorldLimits } from './world-format';

/** What a world on the page may hold: small enough to edit, draw at once and share in a link. */
export const PAGE_WORLD_LIMITS: WorldLimits = {
  maxClasses: 8,
  maxComponents: 64,
  maxNameLength: 24,
  maxDescriptionLength: 200,
  maxAbsMean: 3.5,
  minSd: 0.02,
  maxSd: 3,
};

/** Weights within a class and priors over classes are whole numbers in [1, MAX_WEIGHT] (normalised when drawn). */
export const MAX_WEIGHT = 1000;
/** The grid of the stored numbers: means in thousandths, standard deviations in ten-thousandths, angles in hundredths of a degree. */
export const QUANTA = { mean: 0.001, sd: 0.0001, angle: 0.01 } as const;
/** The prefix of an encoded world (a built-in world is named instead). */
export const WORLD_CODE_PREFIX = 'w.';
const VERSION = 1;

/** One Gaussian component: centre (x, y), standard deviations sx along the angle and sy across it, angle in degrees, weight. */
export interface DocComponent {
  x: number;
  y: number;
  sx: number;
  sy: number;
  angle: number;
  weight: number;
}

export interface DocClass {
  name: string;
  prior: number;
  components: DocComponent[];
}

/** A world as the editor holds it: every number on its grid and within the page's limits (see `snapDoc`). */
export interface WorldDoc {
  name: string;
  description: string;
  classes: DocClass[];
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
const snap = (v: number, q: number) => Math.round(v / q) * q;
/** A value on a grid, written exactly (0.123, not 0.12300000000000001). */
const onGrid = (v: number, q: number) => Number(snap(v, q).toFixed(Math.round(-Math.log10(q))));

/** An angle in degrees brought into (−90, 90] (an ellipse turned by 180° is the same ellipse). */
export function wrapAngle(deg: number): number {
  const a = onGrid(((((snap(deg, QUANTA.angle) + 90) % 180) + 180) % 180) - 90, QUANTA.angle);
  return a === -90 ? 90 : a;
}

/** A whole weight or prior in [1, MAX_WEIGHT]. */
export function snapWeight(w: number): number {
  return Number.isFinite(w) ? clamp(Math.round(w), 1, MAX_WEIGHT) : 1;
}

/** A component with every number on its grid and in range (non-finite numbers become the nearest sensible value). */
export function snapComponent(c: DocComponent): DocComponent {
  const L = PAGE_WORLD_LIMITS;
  const fin = (v: number, d: number) => (Number.isFinite(v) ? v : d);
  return {
    x: onGrid(clamp(fin(c.x, 0), -L.maxAbsMean, L.maxAbsMean), QUANTA.mean),
    y: onGrid(clamp(fin(c.y, 0), -L.maxAbsMean, L.maxAbsMean), QUANTA.mean),
    sx: onGrid(clamp(fin(c.sx, L.minSd), L.minSd, L.maxSd), QUANTA.sd),
    sy: onGrid(clamp(fin(c.sy, L.minSd), L.minSd, L.maxSd), QUANTA.sd),
    angle: wrapAngle(fin(c.angle, 0)),
    weight: snapWeight(c.weight),
  };
}

/** A name cut to the page's limit (by characters); an empty one becomes `fallback`. */
export function snapName(name: string, fallback: string): string {
  const trimmed = [...name.trim()].slice(0, PAGE_WORLD_LIMITS.maxNameLength).join('');
  return trimmed === '' ? fallback : trimmed;
}

/** A document with every number snapped and every name within its limit (counts are not changed). */
export function snapDoc(doc: WorldDoc): WorldDoc {
  return {
    name: snapName(doc.name, 'my world'),
    description: [...doc.description].slice(0, PAGE_WORLD_LIMITS.maxDescriptionLength).join(''),
    classes: doc.classes.map((c, i) => ({ name: snapName(c.name, `class ${i}`), prior: snapWeight(c.prior), components: c.components.map(snapComponent) })),
  };
}

/** The world a document stands for, validated by `parseWorld` within the page's limits (throws `WorldFormatError`). */
export function worldOfDoc(doc: WorldDoc): World {
  return parseWorld(
    {
      name: doc.name,
      description: doc.description,
      classes: doc.classes.map((c) => ({
        name: c.name,
        prior: c.prior,
        components: c.components.map((k) => ({ weight: k.weight, mean: [k.x, k.y], cov: rotatedCov(k.sx, k.sy, (k.angle * Math.PI) / 180) })),
      })),
    },
    PAGE_WORLD_LIMITS,
  );
}

/** Scales positive numbers so that the largest becomes MAX_WEIGHT, as whole numbers ≥ 1. */
function wholeWeights(ws: readonly number[]): number[] {
  const max = Math.max(...ws);
  return ws.map((w) => snapWeight((w / max) * MAX_WEIGHT));
}

/**
 * The document of a world (the reverse of `worldOfDoc`, to the grid): each covariance split into its standard deviations
 * (larger first) and the angle of the larger one; weights and priors as whole numbers, the largest 1000.
 */
export function docOfWorld(world: World): WorldDoc {
  const priors = wholeWeights(world.classes.map((c) => c.prior));
  return snapDoc({
    name: world.name,
    description: world.description,
    classes: world.classes.map((c, i) => {
      const weights = wholeWeights(c.components.map((k) => k.weight));
      return {
        name: c.name,
        prior: priors[i]!,
        components: c.components.map((k, j) => {
          const [[a, b], [, d]] = k.cov;
          const [lo, hi] = eigenvalues2(a, b, d);
          return {
            x: k.mean[0],
            y: k.mean[1],
            sx: Math.sqrt(hi),
            sy: Math.sqrt(Math.max(0, lo)),
            angle: (Math.atan2(2 * b, a - d) * 90) / Math.PI,
            weight: weights[j]!,
          };
        }),
      };
    }),
  });
}

// ---------- the binary record ----------

const utf8 = new TextEncoder();

class Writer {
  private bytes: number[] = [];
  u8(v: number): void {
    this.bytes.push(v & 0xff);
  }
  u16(v: number): void {
    this.bytes.push((v >> 8) & 0xff, v & 0xff);
  }
  i16(v: number): void {
    this.u16(v < 0 ? v + 0x10000 : v);
  }
  text(s: string, wide = false): void {
    const b = utf8.encode(s);
    if (wide) this.u16(b.length);
    else this.u8(b.length);
    for (const x of b) this.bytes.push(x);
  }
  done(): Uint8Array {
    return Uint8Array.from(this.bytes);
  }
}

/** The code of a document: `w.` + base64url of version, names, and each component's six numbers as 16-bit integers. */
export function encodeWorldDoc(doc: WorldDoc): string {
  const d = snapDoc(doc);
  const w = new Writer();
  w.u8(VERSION);
  w.text(d.name);
  w.text(d.description, true);
  w.u8(d.classes.length);
  for (const c of d.classes) {
    w.text(c.name);
    w.u16(c.prior);
    w.u8(c.components.length);
    for (const k of c.components) {
      w.i16(Math.round(k.x / QUANTA.mean));
      w.i16(Math.round(k.y / QUANTA.mean));
      w.u16(Math.round(k.sx / QUANTA.sd));
      w.u16(Math.round(k.sy / QUANTA.sd));
      w.i16(Math.round(k.angle / QUANTA.angle));
      w.u16(k.weight);
    }
  }
  return WORLD_CODE_PREFIX + toBase64Url(w.done());
}

class Reader {
  private at = 0;
  constructor(private readonly bytes: Uint8Array) {}
  private need(n: number, what: string): void {
    if (this.at + n > this.bytes.length) throw new WorldFormatError(what, 'the code ends too early (cut off?)');
  }
  u8(what: string): number {
    this.need(1, what);
    return this.bytes[this.at++]!;
  }
  u16(what: string): number {
    this.need(2, what);
    const v = (this.bytes[this.at]! << 8) | this.bytes[this.at + 1]!;
    this.at += 2;
    return v;
  }
  i16(what: string): number {
    const v = this.u16(what);
    return v >= 0x8000 ? v - 0x10000 : v;
  }
  text(what: string, wide = false): string {
    const n = wide ? this.u16(what) : this.u8(what);
    this.need(n, what);
    const slice = this.bytes.subarray(this.at, this.at + n);
    this.at += n;
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(slice);
    } catch {
      throw new WorldFormatError(what, 'not valid UTF-8 text');
    }
  }
  end(): void {
    if (this.at !== this.bytes.length) throw new WorldFormatError('(code)', `${this.bytes.length - this.at} bytes too many at the end`);
  }
}

/** A whole number in [lo, hi] read from the code, or a refusal naming the field. */
function inRange(v: number, lo: number, hi: number, what: string): number {
  if (v < lo || v > hi) throw new WorldFormatError(what, `must be ${lo} to ${hi}, got ${v}`);
  return v;
}

/**
 * Reads a world code back into its document and world. Throws `WorldFormatError` naming what is wrong: the prefix, the
 * characters, the version, a count, a cut-off or over-long code, or (from `parseWorld`) a value outside the page's limits.
 */
export function decodeWorldCode(code: string): { doc: WorldDoc; world: World } {
  if (!code.startsWith(WORLD_CODE_PREFIX)) throw new WorldFormatError('(code)', `must start with "${WORLD_CODE_PREFIX}"`);
  const bytes = fromBase64Url(code.slice(WORLD_CODE_PREFIX.length));
  const r = new Reader(bytes);
  const version = r.u8('version');
  if (version !== VERSION) throw new WorldFormatError('version', `unknown version ${version} (this page reads ${VERSION})`);
  const name = r.text('name');
  const description = r.text('description', true);
  const L = PAGE_WORLD_LIMITS;
  const K = inRange(r.u8('classes'), 2, L.maxClasses, 'classes');
  const classes: DocClass[] = [];
  let total = 0;
  for (let i = 0; i < K; i++) {
    const path = `classes[${i}]`;
    const cname = r.text(`${path}.name`);
    const prior = inRange(r.u16(`${path}.prior`), 1, MAX_WEIGHT, `${path}.prior`);
    const n = inRange(r.u8(`${path}.components`), 1, L.maxComponents, `${path}.components`);
    total += n;
    if (total > L.maxComponents) throw new WorldFormatError('classes', `more than ${L.maxComponents} components in all`);
    const components: DocComponent[] = [];
    for (let j = 0; j < n; j++) {
      const p = `${path}.components[${j}]`;
      const x = r.i16(`${p}.mean`) * QUANTA.mean;
      const y = r.i16(`${p}.mean`) * QUANTA.mean;
      const sx = r.u16(`${p}.cov`) * QUANTA.sd;
      const sy = r.u16(`${p}.cov`) * QUANTA.sd;
      const angle = inRange(r.i16(`${p}.angle`), -8999, 9000, `${p}.angle`) * QUANTA.angle;
      const weight = inRange(r.u16(`${p}.weight`), 1, MAX_WEIGHT, `${p}.weight`);
      components.push({
        x: onGrid(x, QUANTA.mean),
        y: onGrid(y, QUANTA.mean),
        sx: onGrid(sx, QUANTA.sd),
        sy: onGrid(sy, QUANTA.sd),
        angle: onGrid(angle, QUANTA.angle),
        weight,
      });
    }
    classes.push({ name: cname, prior, components });
  }
  r.end();
  const doc: WorldDoc = { name, description, classes };
  // the one validator: names, limits of means and standard deviations, duplicate classes, positive definiteness
  const world = worldOfDoc(doc);
  return { doc, world };
}

// ---------- base64url (RFC 4648 §5, no padding) ----------

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let k = 0; k < chars; k++) out += ALPHABET[(n >> (18 - 6 * k)) & 63];
  }
  return out;
}

function fromBase64Url(text: string): Uint8Array {
  const bad = text.search(/[^A-Za-z0-9_-]/);
  if (bad >= 0) throw new WorldFormatError('(code)', `character ${bad + 1} is not base64url (A–Z, a–z, 0–9, - and _)`);
  if (text.length % 4 === 1) throw new WorldFormatError('(code)', 'the code has a wrong length (cut off?)');
  const out = new Uint8Array(Math.floor((text.length * 6) / 8));
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (const ch of text) {
    acc = (acc << 6) | ALPHABET.indexOf(ch);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
    acc &= (1 << bits) - 1;
  }
  return out;
}
