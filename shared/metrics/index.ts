export * from './board';
export * from './events';
export * from './floor';
export * from './floor-schema';
export * from './intervals';
export * from './settings';
export * from './tally';
export * from './training-floor';
