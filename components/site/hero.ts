/** The landing hero's slider (HeroField.astro): each move of s redraws the live panel from the build-time fields. */
import { formatNumber } from '../../lib/state/params';
import { heroFrame, shadeAlpha, type HeroData } from '../../lib/views/hero';
import { landing } from './landing';

export function startHero(): void {
  const figure = document.querySelector<HTMLElement>('[data-hero]');
  const slider = figure?.querySelector<HTMLInputElement>('[data-hero-slider]');
  const live = figure?.querySelector<SVGSVGElement>('[data-hero-live]');
  const out = figure?.querySelector<HTMLOutputElement>('[data-hero-out]');
  if (!figure || !slider || !live || !out) return;
  const data = JSON.parse(figure.dataset.hero ?? '{}') as HeroData;
  const lines = [...live.querySelectorAll<SVGLineElement>('.arrows line')];
  const shadeImage = live.querySelector<SVGImageElement>('[data-hero-shade]');
  // the shading grid is square: log-densities on n × n points
  const n = Math.round(Math.sqrt(data.logCond.length));
  const scratch = document.createElement('canvas');
  scratch.width = n;
  scratch.height = n;
  const scratchCtx = scratch.getContext('2d');
  let frame = 0;
  const draw = () => {
    frame = 0;
    const s = Number(slider.value);
    const { tips, shade } = heroFrame(data, s);
    lines.forEach((line, k) => {
      line.setAttribute('x2', tips[2 * k]!.toFixed(1));
      line.setAttribute('y2', tips[2 * k + 1]!.toFixed(1));
    });
    if (shadeImage && scratchCtx) {
      scratchCtx.putImageData(new ImageData(shadeAlpha(shade, n), n, n), 0, 0);
      shadeImage.setAttribute('href', scratch.toDataURL());
    }
    out.textContent = `s = ${formatNumber(s, 0.1)}`;
    live.setAttribute('aria-label', landing.heroAlt(s));
    figure.dataset.heroDrawn = String(s);
  };
  slider.addEventListener('input', () => {
    if (!frame) frame = requestAnimationFrame(draw);
  });
  for (const button of figure.querySelectorAll<HTMLButtonElement>('[data-hero-s]')) {
    button.addEventListener('click', () => {
      slider.value = button.dataset.heroS ?? slider.value;
      draw();
    });
  }
  figure.dataset.heroReady = 'true';
  performance.mark('hero-ready');
}
