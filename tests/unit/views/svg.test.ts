import { describe, expect, it } from 'vitest';
import { makeGrid } from '../../../lib/science';
import { renderPlotSvg, ticks } from '../../../lib/views/svg/plot';
import { samplerSpec, scoreFieldSpec } from '../../../lib/views/svg/widgets';

describe('SVG renderer (DOM-free)', () => {
  it('maps data to pixels: a point at the extent’s corner sits on the frame; an arrow of norm 1 at scale 0.5 spans half a data unit', () => {
    const svg = renderPlotSvg({
      extent: [0, 4, 0, 2],
      width: 456, // plot width 400 px: 100 px per data unit
      points: [{ points: [0, 0, 4, 2] }],
      arrows: { points: [1, 1], vectors: [1, 0], maxLength: 0, scale: 0.5 },
    });
    expect(svg).toMatch(/<circle cx="44" cy="228" r="1.6"\/>/); // left margin 44, top 28 + 200 px
    expect(svg).toMatch(/<circle cx="444" cy="28" r="1.6"\/>/);
    expect(svg).toMatch(/<path d="M144,128L194,128/); // from x = 1 to x = 1.5
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" width="456" height="264"')).toBe(true);
  });

  it('draws one cell per visible density value, escapes text, ticks at round values', () => {
    const svg = renderPlotSvg({ extent: [-1, 1, -1, 1], title: 'p & q <', density: { nx: 2, ny: 2, alpha: [255, 0, 128, 2] } });
    expect(svg.match(/<rect x=[^>]*fill-opacity/g)).toHaveLength(2);
    expect(svg).toContain('p &amp; q &lt;');
    expect(ticks(-3.5, 3.5)).toEqual([-3, -2, -1, 0, 1, 2, 3]);
    expect(ticks(0, 0.5)).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5]);
  });

  it('widget specs: the sampler’s per-step snapshots become one path per particle; every arrow set of a score-field frame is drawn', () => {
    const grid = makeGrid(2, [-1, 1, -1, 1]);
    const spec = samplerSpec(
      grid,
      new Uint8ClampedArray(4),
      Float64Array.from([9, 9]),
      [Float64Array.from([0, 1, 2, 3]), Float64Array.from([4, 5, 6, 7])],
      't',
    );
    expect(spec.paths![0]!.paths.map((p) => Array.from(p))).toEqual([
      [0, 1, 4, 5],
      [2, 3, 6, 7],
    ]);
    const frame = {
      s: 2,
      alpha: new Uint8ClampedArray(4),
      arrowScale: 0.1,
      arrows: [
        { role: 'uncond' as const, vectors: new Float64Array(8) },
        { role: 'guided' as const, vectors: new Float64Array(8) },
      ],
    };
    const f = scoreFieldSpec(frame, grid, grid, 'x');
    expect(f.arrows!.scale).toBe(0.1);
    expect(f.extraArrows).toHaveLength(1);
  });
});
