export * from './commands';
export * from './offices';
export * from './records';
export * from './reference';
export * from './rules';
export * from './service';
export * from './slots';
