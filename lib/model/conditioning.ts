/** The three ways the network receives its condition (see network.ts); kept apart from tfjs so that any module can list them. */
export const CONDITIONINGS = ['add', 'adanorm', 'cross-attention'] as const;
export type Conditioning = (typeof CONDITIONINGS)[number];

/**
 * The two forms of condition dropout in training (see train.ts `TrainOptions.dropout`): 'sampled' flips a
 * p_uncond coin per point; 'expected' scores every point under both y and ∅ with weights 1 − p_uncond and p_uncond.
 */
export const DROPOUT_MODES = ['sampled', 'expected'] as const;
export type DropoutMode = (typeof DROPOUT_MODES)[number];
