export * from './machine';
export * from './port';
export * from './timers';
export * from './types';
