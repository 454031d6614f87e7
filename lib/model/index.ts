/** The learned model (browser and Node). Node-only backend setup lives in ./node.ts, not re-exported here. */
export * from './network';
export * from './train';
export * from './weights';
export * from './denoiser';
export * from './backend';
export * from './quality';
export * from './shipped';
export { registerModelGradients } from './gradients';
export * from './classifier';
export * from './precondition';
export * from './noise-levels';
export * from './recipe';
export * from './tensor-sampler';
export * from './js-network';
