/** The three ways the network receives its condition (see network.ts); kept apart from tfjs so that any module can list them. */
export const CONDITIONINGS = ['add', 'adanorm', 'cross-attention'] as const;
export type Conditioning = (typeof CONDITIONINGS)[number];
