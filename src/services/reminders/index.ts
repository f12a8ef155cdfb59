export * from './format';
export * from './rules';
export * from './service';
export * from './types';
export * from './worker';
