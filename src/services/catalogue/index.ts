export * from './answers';
export * from './conditions';
export * from './dates';
export * from './recognise';
export * from './walkthrough';
