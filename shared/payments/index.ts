export * from './allocation';
export * from './receipt';
export * from './returns';
export * from './settings';
export * from './tender';
