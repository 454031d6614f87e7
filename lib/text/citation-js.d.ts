// The part of citation-js that lib/text/bib.ts uses (the packages ship no type declarations).
declare module '@citation-js/core' {
  export class Cite {
    constructor(data: unknown, options?: { forceType?: string });
    /** CSL-JSON items. */
    data: unknown[];
    format(format: 'bibliography' | 'citation' | 'bibtex' | 'data', options?: Record<string, unknown>): string | unknown;
  }
}
declare module '@citation-js/plugin-bibtex';
declare module '@citation-js/plugin-csl';
