/**
 * Every string the article components show that is not chapter prose.
 * A translation replaces this module (or adds a sibling keyed by locale) and its siblings: components/site/strings.ts
 * and the strings.ts of components/widgets/shared and of each widget; component code holds no English.
 */
export interface ArticleStrings {
  equation: {
    /** Screen-reader label of an equation number link, e.g. "Equation 3.2". */
    label: (n: string) => string;
    /** Visible form of a reference, e.g. "(3.2)". */
    ref: (n: string) => string;
    /** Visible form of a reference with a word, e.g. "eq. (3.2)". */
    refWord: (n: string) => string;
  };
  derivation: {
    heading: string;
    next: string;
    showAll: string;
    restart: string;
    /** Progress, e.g. "Step 2 of 5". */
    progress: (shown: number, total: number) => string;
    allShown: (total: number) => string;
  };
  cite: {
    /** Label of the link from a citation to its bibliography entry. */
    toEntry: (short: string) => string;
    open: string;
    unknownKey: (key: string) => string;
  };
  bibliography: {
    heading: string;
    allHeading: string;
  };
  citeThis: {
    heading: string;
    intro: string;
    copy: string;
    copied: string;
    author: string;
    siteTitle: string;
  };
  figure: {
    label: (n: string) => string;
    textAlternative: string;
  };
  notation: {
    pageTitle: string;
    pageIntro: string;
    symbol: string;
    meaning: string;
    code: string;
    introduced: string;
    link: string;
  };
}

export const en: ArticleStrings = {
  equation: {
    label: (n) => `Equation ${n}`,
    ref: (n) => `(${n})`,
    refWord: (n) => `eq. (${n})`,
  },
  derivation: {
    heading: 'Derivation',
    next: 'Next step',
    showAll: 'Show all steps',
    restart: 'Start over',
    progress: (shown, total) => `Step ${shown} of ${total}`,
    allShown: (total) => `All ${total} steps shown`,
  },
  cite: {
    toEntry: (short) => `Reference: ${short}`,
    open: 'Open',
    unknownKey: (key) => `unknown citation key "${key}"`,
  },
  bibliography: {
    heading: 'References',
    allHeading: 'Bibliography',
  },
  citeThis: {
    heading: 'Cite this page',
    intro: 'If this chapter helped your work, you can cite it as:',
    copy: 'Copy BibTeX',
    copied: 'Copied',
    author: 'The scorefield contributors',
    siteTitle: 'scorefield: an interactive notebook on classifier-free guidance',
  },
  figure: {
    label: (n) => `Figure ${n}`,
    textAlternative: 'Text description',
  },
  notation: {
    pageTitle: 'Notation',
    pageIntro: 'One table of symbols for every chapter, figure and line of code. Code names are the identifiers used in the library and in URLs.',
    symbol: 'Symbol',
    meaning: 'Meaning',
    code: 'Code name',
    introduced: 'First used',
    link: 'Notation',
  },
};

/** The strings in use. */
export const strings: ArticleStrings = en;
