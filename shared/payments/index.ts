export * from './allocation';
export * from './returns';
export * from './settings';
export * from './tender';
