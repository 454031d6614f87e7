/**
 * The flow view's drawing (lib/views/flow.ts does the physics): a transparent canvas over each field panel on which
 * particles drift along the panel's guided score, leaving short fading streaks. One animation loop for all panels,
 * running while the figure is on screen and the flow is on; a move of s only swaps the vectors (cached ε recombined).
 * Each frame's script time is recorded as a 'flow-frame' performance measure (npm run bench reads it).
 */
import type { Grid } from '../../../lib/science/grid';
import { FlowParticles } from '../../../lib/views/flow';
import type { PanelGeometry } from '../shared/canvas';

/** Particles per panel. */
const PARTICLES = 260;

export interface FlowSource {
  /** The panel's field now (its vectors at its s) and drawing scale; undefined while it has no model. */
  field(): { vectors: Float64Array; arrowScale: number } | undefined;
  geometry(): PanelGeometry | undefined;
}

interface Layer {
  canvas: HTMLCanvasElement;
  source: FlowSource;
  particles: FlowParticles;
}

export class FlowAnimation {
  private layers: Layer[] = [];
  private frame = 0;
  private visible = false;
  private on = false;
  private readonly io: IntersectionObserver;

  constructor(
    private readonly root: HTMLElement,
    grid: Grid,
    panels: { canvas: HTMLCanvasElement; source: FlowSource }[],
    private color: string,
  ) {
    this.layers = panels.map(({ canvas, source }, i) => {
      const layer = document.createElement('canvas');
      layer.className = 'flow-layer';
      layer.setAttribute('aria-hidden', 'true');
      canvas.parentElement?.classList.add('has-flow');
      canvas.after(layer);
      return { canvas: layer, source, particles: new FlowParticles(PARTICLES, grid, 11 + i) };
    });
    this.io = new IntersectionObserver((entries) => {
      this.visible = entries.some((e) => e.isIntersecting);
      this.schedule();
    });
    this.io.observe(root);
  }

  /** Turns the flow on or off (off clears the layers). */
  set(on: boolean, color = this.color): void {
    this.on = on && !matchMedia('(prefers-reduced-motion: reduce)').matches;
    this.color = color;
    this.root.dataset.flow = String(this.on);
    for (const l of this.layers) l.canvas.hidden = !this.on;
    this.schedule();
  }

  private schedule(): void {
    if (this.on && this.visible && !this.frame) this.frame = requestAnimationFrame(() => this.tick());
  }

  private tick(): void {
    this.frame = 0;
    if (!this.on || !this.visible) return;
    const t0 = performance.now();
    for (const layer of this.layers) this.draw(layer);
    performance.measure('flow-frame', { start: t0, end: performance.now() });
    this.schedule();
  }

  private draw(layer: Layer): void {
    const field = layer.source.field();
    const g = layer.source.geometry();
    if (!field || !g) return;
    const { canvas } = layer;
    const dpr = window.devicePixelRatio || 1;
    const px = Math.round(g.size * dpr);
    if (canvas.width !== px) {
      canvas.width = px;
      canvas.height = px;
    }
    const ctx = canvas.getContext('2d')!;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    // fade the streaks of earlier frames
    ctx.globalCompositeOperation = 'destination-out';
    ctx.fillStyle = 'rgba(0, 0, 0, 0.18)';
    ctx.fillRect(0, 0, g.size, g.size);
    ctx.globalCompositeOperation = 'source-over';
    layer.particles.step(field.vectors, field.arrowScale);
    const { x, prev, n } = layer.particles;
    ctx.strokeStyle = this.color;
    ctx.lineWidth = 1.6;
    // toPixels inlined (no arrays per particle): this loop runs for every particle of every panel, every frame
    const [e0, e1, e2, e3] = g.extent;
    const sx = g.size / (e1 - e0);
    const sy = g.size / (e3 - e2);
    ctx.beginPath();
    for (let k = 0; k < n; k++) {
      ctx.moveTo((prev[2 * k]! - e0) * sx, (e3 - prev[2 * k + 1]!) * sy);
      ctx.lineTo((x[2 * k]! - e0) * sx + 0.01, (e3 - x[2 * k + 1]!) * sy);
    }
    ctx.stroke();
  }

  stop(): void {
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.io.disconnect();
  }
}
