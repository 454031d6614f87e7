/** The landing hero's script as HeroField.astro inlines it (one esbuild bundle, no module chunks to fetch). */
import { startHero } from './hero';

startHero();
