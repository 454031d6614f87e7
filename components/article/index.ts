// The components an MDX chapter may use without importing them (passed to <Content components={…} />).
import Equation from './Equation.astro';
import EqRef from './EqRef.astro';
import Derivation from './Derivation.astro';
import Step from './Step.astro';
import Cite from './Cite.astro';
import Bibliography from './Bibliography.astro';
import CiteThisPage from './CiteThisPage.astro';
import Figure from './Figure.astro';
import NotationTable from './NotationTable.astro';
import NotationLink from './NotationLink.astro';
import ChapterRef from './ChapterRef.astro';

export const articleComponents = {
  Equation,
  EqRef,
  Derivation,
  Step,
  Cite,
  Bibliography,
  CiteThisPage,
  Figure,
  NotationTable,
  NotationLink,
  ChapterRef,
};
