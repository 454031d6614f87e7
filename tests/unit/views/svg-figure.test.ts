import { describe, expect, it } from 'vitest';
import { getBuiltinWorld, makeGrid } from '../../../lib/science';
import { createNotebookStore } from '../../../lib/state/notebook';
import { renderChartSvg } from '../../../lib/views/svg/chart';
import { renderFigureSvg, widgetProvenance, wrapText } from '../../../lib/views/svg/figure';
import { renderPlotSvg } from '../../../lib/views/svg/plot';
import { densityPanelSpec, lossChartSpec, sweepChartSpec } from '../../../lib/views/svg/widgets';
import type { SweepPoint } from '../../../lib/views/guidance-sweep';

describe('SVG charts, ellipses and whole-widget figures (DOM-free)', () => {
  it('a chart maps data to pixels: default 480 × 300, margins 56/14/28/44, domains as given', () => {
    const svg = renderChartSvg({
      xLabel: 'step',
      yLabel: 'loss',
      xDomain: [0, 10],
      yDomain: [0, 1],
      series: [
        {
          points: [
            [0, 0],
            [10, 1],
          ],
          markers: true,
          pointLabels: ['a', 'b'],
          label: 'smoothed',
        },
      ],
      rings: [[5, 0.5]],
    });
    // plot 410 × 228 px: (0, 0) at (56, 256), (10, 1) at (466, 28), (5, 0.5) at (261, 142)
    expect(svg).toContain('<path d="M56,256L466,28"');
    expect(svg).toContain('<circle cx="56" cy="256" r="3"/>');
    expect(svg).toContain('<circle cx="261" cy="142" r="7"');
    expect(svg).toMatch(/>step<\/text>/);
    expect(svg).toMatch(/>loss<\/text>/);
    expect(svg).toMatch(/>smoothed<\/text>/);
    expect(svg.match(/<text x="[\d.]+" y="[\d.]+">[ab]<\/text>/g)).toHaveLength(2);
  });

  it('a log-y chart labels its ticks with the values and drops non-positive points', () => {
    const svg = renderChartSvg({
      xLabel: 'x',
      yLabel: 'y',
      logY: true,
      yDomain: [0.01, 1],
      xDomain: [0, 2],
      series: [
        {
          points: [
            [0, 1],
            [1, 0],
            [2, 0.01],
          ],
        },
      ],
    });
    expect(svg).toContain('<path d="M56,28L466,256"');
    expect(svg).toMatch(/>0\.01<\/text>/);
    expect(svg).toMatch(/>0\.1<\/text>/);
  });

  it('ellipses: semi-axes in data units scaled to pixels, the angle counter-clockwise, dashed when asked', () => {
    const svg = renderPlotSvg({ extent: [0, 4, 0, 2], width: 456, ellipses: [{ center: [1, 1], rx: 1, ry: 0.5, angle: Math.PI / 2, dashed: true }] });
    expect(svg).toContain('<ellipse cx="144" cy="128" rx="100" ry="50" transform="rotate(-90 144 128)" stroke-dasharray="6 4"/>');
  });

  it('the loss and sweep specs keep every point, sort each series by s and ring the current s', () => {
    const loss = lossChartSpec(
      [
        { step: 1, loss: 2 },
        { step: 2, loss: 1 },
      ],
      [{ step: 2, loss: 1.5 }],
      100,
      { title: 'T', xLabel: 'step', yLabel: 'loss', raw: 'raw', smooth: 'smooth' },
    );
    expect(loss.xDomain).toEqual([0, 100]);
    expect(loss.series.map((s) => s.points.length)).toEqual([2, 1]);
    const pt = (series: string, s: number, f: number): SweepPoint => ({
      series,
      s,
      fidelity: f,
      logDetCov: -s,
      coverage: 1,
      distance: 0,
      samples: new Float32Array(),
    });
    const sweep = sweepChartSpec(
      [pt('exact-ddim', 3, 0.9), pt('exact-ddim', 1, 0.7), pt('exact-ddpm', 1, 0.6)],
      1,
      (k) => ({ color: '#000', dashed: false, label: k }),
      {
        title: 'T',
        xLabel: 'x',
        yLabel: 'y',
      },
    );
    expect(sweep.series.map((s) => s.pointLabels)).toEqual([['1', '3'], ['1']]);
    expect(sweep.series[0]!.points).toEqual([
      [-1, 0.7],
      [-3, 0.9],
    ]);
    expect(sweep.rings).toEqual([
      [-1, 0.7],
      [-1, 0.6],
    ]);
  });

  it('a figure places its panels side by side with distinct clip ids, then the caption and the provenance (text and metadata)', () => {
    const grid = makeGrid(2, [-1, 1, -1, 1]);
    const plot = { ...densityPanelSpec(grid, new Uint8ClampedArray([255, 0, 0, 255])), title: 'tilt' };
    const world = getBuiltinWorld('two-gaussians')!;
    const state = { ...createNotebookStore().get(), s: 3 };
    const provenance = widgetProvenance('guided-vs-tilted', state, world, { denoiser: 'exact' });
    const svg = renderFigureSvg({
      title: 'Guided is not tilted: two-gaussians, class minus, s = 3',
      panels: [{ plot }, { plot }, { chart: { xLabel: 'a', yLabel: 'b', series: [] } }],
      caption: ['Dashed: the tilted density’s 2σ ellipse.'],
      provenance,
    });
    // three panels of 360 + 360 + 480 px and two gaps of 8
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="1216" /);
    expect(svg).toContain('<svg x="0" y="30" width="360"');
    expect(svg).toContain('<svg x="368" y="30" width="360"');
    expect(svg).toContain('<svg x="736" y="30" width="480"');
    expect(new Set(svg.match(/clipPath id="[^"]+"/g))).toEqual(new Set(['clipPath id="panel-0"', 'clipPath id="panel-1"', 'clipPath id="panel-2"']));
    expect(svg).toContain('s = 3</text>');
    expect(svg).toContain('data-part="caption">Dashed: the tilted density’s 2σ ellipse.</text>');
    expect(provenance).toMatchObject({ generator: 'scorefield', widget: 'guided-vs-tilted', world: 'two-gaussians', state: 's=3', denoiser: 'exact' });
    expect(String(provenance.worldFingerprint)).toMatch(/^[0-9a-f]{8}$/);
    const meta = /<metadata>(.*)<\/metadata>/.exec(svg)![1]!.replace(/&quot;/g, '"');
    expect(JSON.parse(meta)).toEqual(provenance);
    expect(svg).toMatch(/data-part="provenance"[^>]*>Provenance · generator: scorefield · widget: guided-vs-tilted/);
  });

  it('wraps text at spaces', () => {
    expect(wrapText('aa bb cc dd', 5)).toEqual(['aa bb', 'cc dd']);
    expect(wrapText('averyverylongword x', 5)).toEqual(['averyverylongword', 'x']);
  });
});
