/** The document events the widgets of a page exchange (a module of its own: no widget module imports another to get them). */

/** Fired on the document when the tfjs backend had to be rebuilt (a lost WebGL context): widgets recompute. */
export const BACKEND_RESET_EVENT = 'scorefield:backend-reset';
/** Fired on the document when the reader's own model (denoiser=trained) was replaced: widgets showing it recompute. */
export const READER_MODEL_EVENT = 'scorefield:reader-model';
