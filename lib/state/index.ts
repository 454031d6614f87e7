export * from './params';
export * from './notebook';
export * from './store';
