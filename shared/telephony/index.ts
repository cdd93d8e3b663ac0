export * from './call-reasons';
export * from './machine';
export * from './port';
export * from './timers';
export * from './types';
export * from './wrap-up-suggestion';
